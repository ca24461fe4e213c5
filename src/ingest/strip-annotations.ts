/*
 * Some scraped pages (conversion sites that add reading aids to traditional text) insert the pinyin of
 * a character after it: 問(wèn)題, 建設(shè). Left in, they break every cue word, name and theme keyword.
 * They are removed from the text as decoded, like the markup of an HTML page: line breaks stay where
 * they are, so every line number still refers to the file; offsets refer to the text without them.
 * Only a tone-marked syllable in ASCII brackets right after a Han character counts, and only when a
 * document holds several, so an ordinary bracket such as 党支部(A) or 三会一课(sanhui) is never touched.
 */

/** A tone-marked pinyin syllable in ASCII brackets right after a Han character. */
const ANNOTATION = /(?<=[\u3400-\u9fff\uf900-\ufaff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}\)/g;

/** Fewer annotations than this in a document are left alone (a stray one is more likely real text). */
export const MIN_ANNOTATIONS = 3;

/**
 * The text without inserted pinyin annotations, and how many were removed (0: the text is returned as is).
 * @example stripPinyinAnnotations("存在問(wèn)題(tí)：黨(dǎng)員").text === "存在問題：黨員"
 */
export function stripPinyinAnnotations(text: string): { text: string; removed: number } {
  let count = 0;
  ANNOTATION.lastIndex = 0;
  while (ANNOTATION.exec(text) !== null) count += 1;
  if (count < MIN_ANNOTATIONS) return { text, removed: 0 };
  return { text: text.replace(ANNOTATION, ""), removed: count };
}

/**
 * Every annotation removed, however few: for comparing short quotes (the evaluator), never for documents.
 * @example removeAnnotations("問(wèn)題") === "問題"
 */
export function removeAnnotations(text: string): string {
  return text.replace(ANNOTATION, "");
}
