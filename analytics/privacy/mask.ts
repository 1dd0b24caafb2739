/**
 * Numbers people quote in their texts, masked where they are shown, one character for one so that positions do not
 * move. A petition: users outside the unit holding it are shown every digit masked, so that the phone and ID numbers
 * citizens quote stay with the handler. The same rule runs in SQL where rows are chosen (translateUTF8 of the digits
 * to MASK in sql/queries/search and replaceRegexpAll in sql/queries/drill); this is its TypeScript half.
 */
export const MASK = '•';

export function maskDigits(text: string): string {
  return text.replace(/[0-9]/g, MASK);
}

/** A number of nine digits or more, spaces, dots or dashes between its digits: a phone (0912 345 678), an ID number. */
const LONG_NUMBER = /\d(?:[ .-]?\d){8,}/g;

/**
 * What every user is shown of an opinion post: its long numbers (phones, ID numbers) masked digit by digit, shorter
 * numbers (a year, a road, an alley) as written. Posts are public; the contacts quoted in them are not. The SQL half is
 * fp_mask_long_numbers (sql/migrations/0023), used where posts are chosen and cut into excerpts.
 */
export function maskLongNumbers(text: string): string {
  return text.replace(LONG_NUMBER, (number) => maskDigits(number));
}
