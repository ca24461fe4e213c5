/* Page entry: mounts the viewer into #app. */
import { mount } from "./main.ts";
import "./style.css";

const container = document.getElementById("app");
if (container) mount(container);
