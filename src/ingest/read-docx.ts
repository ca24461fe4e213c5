/*
 * Word (.docx) → plain text through mammoth's HTML output, so paragraphs, headings, list items
 * and table rows each become one line, exactly like HTML input.
 */
import { htmlToText } from "./html-to-text.ts";

/** mammoth, loaded on the first .docx (it takes longer to load than a text file takes to process). */
let mammoth: Promise<typeof import("mammoth")> | undefined;

/** Extract the text of a .docx file, one paragraph per line. Throws when the file is not a readable .docx. */
export async function readDocxText(bytes: Buffer): Promise<string> {
  mammoth ??= import("mammoth").then((m) => m.default);
  const result = await (await mammoth).convertToHtml({ buffer: bytes });
  return htmlToText(result.value);
}
