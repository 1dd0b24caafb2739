/**
 * What users outside the unit holding a petition are shown of its words: every digit masked, so that the phone and ID
 * numbers citizens quote in their texts stay with the handler. One character for one, so positions do not move.
 * The same rule runs in SQL where rows are chosen (translateUTF8 of the digits to MASK in sql/queries/search and
 * replaceRegexpAll in sql/queries/drill); this is its TypeScript half.
 */
export const MASK = '•';

export function maskDigits(text: string): string {
  return text.replace(/[0-9]/g, MASK);
}
