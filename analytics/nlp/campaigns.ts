/**
 * Mass campaigns: the same complaint sent by many people, lightly edited (a greeting added, a word changed, a typo,
 * diacritics dropped). Each text gets a MinHash signature of its word 3-shingles (diacritic-free, so typing style does
 * not matter); locality-sensitive hashing over bands of the signature finds earlier texts that may be copies, and the
 * signatures' agreement estimates how alike they are. Fast enough to check every incoming item.
 */
import { hashString } from './features.js';
import { processText } from './pipeline.js';

/** Signature length: 32 bands of 4 hashes. Two texts of similarity 0.6 share a band with probability 0.99. */
export const SIGNATURE_SIZE = 128;
const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;
/** Estimated Jaccard similarity of shingles from which two texts are copies of one message. */
export const COPY_SIMILARITY = 0.5;
/**
 * Short texts share a template more easily than a message ("… đi học có được giảm học phí không mọi người?"):
 * below SHORT_WORDS words, copies must be closer.
 */
export const SHORT_WORDS = 25;
export const SHORT_COPY_SIMILARITY = 0.8;
/** Texts shorter than this many words are too short to call copies (greetings, "cảm ơn"). */
export const MIN_WORDS = 8;

// Random (a, b) pairs of the universal hash family: h_i(x) = a_i * x + b_i, fixed so signatures are stable.
const A = new Uint32Array(SIGNATURE_SIZE);
const B = new Uint32Array(SIGNATURE_SIZE);
{
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

/** The word 3-shingles of a text, hashed, diacritic-free; undefined when the text is too short to judge. */
export function shingles(text: string): Uint32Array | undefined {
  return shinglesOfWords(processText(text).folded);
}

function shinglesOfWords(words: readonly string[]): Uint32Array | undefined {
  if (words.length < MIN_WORDS) return undefined;
  const set = new Set<number>();
  for (let i = 0; i + 2 < words.length; i++) set.add(hashString(`${words[i]} ${words[i + 1]} ${words[i + 2]}`, 0x5a1));
  return Uint32Array.from(set);
}

export function signature(hashes: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let j = 0; j < hashes.length; j++) {
    const x = hashes[j] as number;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = (Math.imul(A[i] as number, x) + (B[i] as number)) >>> 0;
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
}

/** Share of signature positions that agree: an estimate of the Jaccard similarity of the two shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

export interface CampaignMatch {
  /** The campaign (case) the text belongs to: the id of its first text. Its own id when it is the first. */
  campaignId: string;
  /** Estimated similarity to the closest earlier text; 0 when none was close. */
  similarity: number;
}

/** The keys of a signature's bands: texts that share one are compared. */
function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = 0x811c9dc5 ^ b;
    for (let r = b * ROWS; r < (b + 1) * ROWS; r++) key = Math.imul(key ^ (sig[r] as number), 0x01000193) >>> 0;
    keys.push(key);
  }
  return keys;
}

/** An in-memory index of recent texts. Each new text joins the campaign of its closest earlier copy, or starts one. */
export class CampaignIndex {
  private readonly bands = new Map<number, number[]>();
  private readonly signatures: Uint32Array[] = [];
  private readonly campaigns: string[] = [];
  private readonly ids: string[] = [];

  /** How many texts it holds. */
  get size(): number {
    return this.ids.length;
  }

  add(id: string, text: string): CampaignMatch {
    return this.addWords(id, processText(text).folded);
  }

  /** `add` for a text already through the pipeline: its diacritic-free words. Also gives the text's signature. */
  addWords(id: string, words: readonly string[]): CampaignMatch & { signature?: Uint32Array } {
    const hashes = shinglesOfWords(words);
    if (!hashes) return { campaignId: id, similarity: 0 };
    const required = words.length < SHORT_WORDS ? SHORT_COPY_SIMILARITY : COPY_SIMILARITY;
    const sig = signature(hashes);
    const keys = bandKeys(sig);
    let best = -1;
    let bestSimilarity = 0;
    const seen = new Set<number>();
    for (const key of keys) {
      for (const other of this.bands.get(key) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        const s = similarity(sig, this.signatures[other] as Uint32Array);
        if (s > bestSimilarity) {
          bestSimilarity = s;
          best = other;
        }
      }
    }
    const campaignId = best >= 0 && bestSimilarity >= required ? (this.campaigns[best] as string) : id;
    this.remember(id, sig, campaignId, keys);
    return { campaignId, similarity: campaignId === id ? 0 : bestSimilarity, signature: sig };
  }

  /** Puts back a text seen before (a restart): its signature and the campaign it was given then. */
  restore(id: string, sig: Uint32Array, campaignId: string): void {
    if (sig.length === SIGNATURE_SIZE) this.remember(id, sig, campaignId, bandKeys(sig));
  }

  private remember(id: string, sig: Uint32Array, campaignId: string, keys: number[]): void {
    const position = this.ids.length;
    this.ids.push(id);
    this.signatures.push(sig);
    this.campaigns.push(campaignId);
    for (const key of keys) {
      const list = this.bands.get(key);
      if (list) list.push(position);
      else this.bands.set(key, [position]);
    }
  }
}
