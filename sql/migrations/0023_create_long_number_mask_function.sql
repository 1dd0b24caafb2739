-- fp_mask_long_numbers: an opinion post's text as every user is shown it: each number of nine digits or more (a phone,
-- an ID number; spaces, dots or dashes between its digits) with its digits as •, one for one, so that positions do not
-- move. Shorter numbers (a year, a road, an alley, most amounts) stay: posts are public, the contacts quoted in them are
-- not. analytics/privacy/mask.ts maskLongNumbers is its TypeScript half (test/contract/value-readers.test.ts holds the
-- two to the same answers). The text is cut into the pieces between numbers and the numbers (splitByRegexp and
-- extractAll of one pattern), each number masked, and the pieces put back in their order.
CREATE FUNCTION IF NOT EXISTS fp_mask_long_numbers AS (s) -> arrayStringConcat(arrayMap(
    (piece, number) -> concat(piece, replaceRegexpAll(number, '\\d', '•')),
    splitByRegexp('\\d(?:[ .\\-]?\\d){8,}', s),
    arrayPushBack(extractAll(s, '\\d(?:[ .\\-]?\\d){8,}'), '')));
