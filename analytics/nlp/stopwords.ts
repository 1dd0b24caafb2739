/**
 * Vietnamese function words that say nothing of a text's topic. Only topic unigrams drop them: negations and
 * intensifiers ("không", "chưa", "rất", "quá") carry sentiment, and word pairs keep every syllable.
 */
import { foldDiacritics } from './text.js';

/** Matched on the token as written, with its diacritics. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `và với của là thì mà những các cái con chiếc này kia đó ấy nào đâu
   ở tại từ đến trong ngoài trên dưới sau trước khi lúc
   tôi chúng ta mình bạn anh chị em ông bà cô chú bác nó họ
   đã đang sẽ vẫn cũng đều nữa rồi mới vừa
   nên vì nếu để cho bằng hay hoặc như theo về ra vào lên xuống
   một hai vài mỗi từng cả
   ạ nhé nha nhỉ hả à ấy ơi ừ
   thế vậy được bị có`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Folded forms, for text typed without diacritics, minus those that fold onto content words
 * ("ca" is also "cá", fish; "co" is also "cỏ", grass; "ba" is also "ba", three).
 */
const AMBIGUOUS_WHEN_FOLDED = new Set(['ca', 'co', 'ba', 'ong', 'chi', 'em', 'con', 'cai', 'tu', 'da', 'den', 'sau', 'bang', 'vao', 'len', 'ho', 'hai', 'vua', 'moi', 'nen', 'bi', 'the', 'nao', 'do']);

export const FOLDED_STOP_WORDS: ReadonlySet<string> = new Set(
  [...STOP_WORDS].map((w) => foldDiacritics(w)).filter((w) => !AMBIGUOUS_WHEN_FOLDED.has(w)),
);
