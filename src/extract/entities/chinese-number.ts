/*
 * Parse the numbers reports write: Arabic (29, 48.5) and Chinese (一名, 两个, 十二, 一百零八).
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a Chinese numeral below 万 ("十二" → 12, "一百零八" → 108), or null when it is not one. */
export function parseChineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/u.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else {
      total += (digit ?? 1) * UNITS[ch]!;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** Value of an Arabic ("1,077", "48.5") or Chinese ("十二", "三十点五") number, or null. */
export function parseNumber(s: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ""));
  const [int, frac] = s.split("点");
  const whole = parseChineseNumber(int ?? "");
  if (whole === null || frac === undefined) return whole;
  const digits = [...frac].map((c) => parseChineseNumber(c));
  return digits.every((d) => d !== null && d < 10) ? Number(`${whole}.${digits.join("")}`) : null;
}
