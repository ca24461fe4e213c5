import { describe, expect, it } from "vitest";

import { collectGarbage } from "../../src/util/gc.ts";

describe("collectGarbage", () => {
  it("frees what nothing holds any more", async () => {
    // A weak reference to an object nothing else holds is cleared by a full collection.
    let big: number[] | undefined = Array.from({ length: 100_000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = undefined;
    // WeakRef targets are kept until the end of the current job: collect in a later one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
