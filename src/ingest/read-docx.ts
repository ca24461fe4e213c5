/*
 * Word (.docx) → plain text through mammoth's HTML output, so paragraphs, headings, list items
 * and table rows each become one line, exactly like HTML input.
 */
import mammoth from "mammoth";

import { htmlToText } from "./html-to-text.ts";

/** Extract the text of a .docx file, one paragraph per line. Throws when the file is not a readable .docx. */
export async function readDocxText(bytes: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml({ buffer: bytes });
  return htmlToText(result.value);
}
