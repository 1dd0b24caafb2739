/**
 * Routing: which Front handles a new petition, and by when. The rules are data (routing_rules, petition_deadlines),
 * edited by admins; this module reads them, checks an edit, and applies them. A decision always says why: the rule's
 * reason, or the default's.
 *   default      the commune where the matter is; only the province known → the province; no place → the centre
 *   rules        tried in order of position; the first enabled rule whose topic, words and place match decides the level
 *   deadline     the topic's own answer days, else the level's (commune 15, province 30, centre 45 days)
 */
import type { Store } from '../store/index.js';
import { CENTRAL_CODE } from '../registry/units.js';
import { ANSWER_DAYS, HANDLING_LEVELS, type HandlingLevel } from '../registry/vocabularies.js';
import { isTopic, TOPICS } from '../nlp/taxonomy.js';
import { foldDiacritics } from '../nlp/text.js';
import { petitionDeadlines, routingRules } from '../queries/handling.js';

export const RULE_PLACES = ['any', 'commune', 'province', 'none'] as const;
export type RulePlace = (typeof RULE_PLACES)[number];

export interface RoutingRule {
  ruleId: string;
  position: number;
  /** '' = any topic. */
  topic: string;
  /** Diacritic-free lower-case phrases; the text must contain one. Empty = no condition on the words. */
  terms: string[];
  place: RulePlace;
  routeTo: HandlingLevel;
  reason: string;
  enabled: boolean;
}

export interface StoredRule extends RoutingRule {
  updatedBy: string;
  updatedAt: string;
}

export interface RoutingInput {
  topic: string;
  /** The text's words without diacritics (processText(...).folded). */
  foldedWords: readonly string[];
  provinceCode: string;
  communeCode: string;
}

export interface RoutingDecision {
  level: HandlingLevel;
  unitCode: string;
  /** The rule that decided; '' = the default. */
  ruleId: string;
  reason: string;
}

export const DEFAULT_REASONS = {
  commune: 'Mặc định: Mặt trận cấp xã nơi phát sinh vụ việc tiếp nhận',
  province: 'Mặc định: chỉ xác định được tỉnh, Mặt trận cấp tỉnh tiếp nhận',
  central: 'Mặc định: không xác định được địa bàn, Mặt trận Trung ương tiếp nhận',
} as const;

/** The words of a phrase as rules compare them: diacritic-free, lower case, single spaces. */
export function ruleTerm(phrase: string): string {
  return foldDiacritics(phrase.normalize('NFC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function placeKnown(input: RoutingInput): RulePlace {
  return input.communeCode ? 'commune' : input.provinceCode ? 'province' : 'none';
}

export function ruleMatches(rule: RoutingRule, input: RoutingInput, paddedText: string): boolean {
  if (!rule.enabled) return false;
  if (rule.topic && rule.topic !== input.topic) return false;
  if (rule.place !== 'any' && rule.place !== placeKnown(input)) return false;
  return rule.terms.length === 0 || rule.terms.some((term) => paddedText.includes(` ${term} `));
}

/** The unit of a level for a place: a level the place does not reach goes up to the nearest one it does. */
export function unitAt(level: HandlingLevel, place: { provinceCode: string; communeCode: string }): { level: HandlingLevel; unitCode: string } {
  if (level === 'commune' && place.communeCode) return { level, unitCode: place.communeCode };
  if (level !== 'central' && place.provinceCode) return { level: 'province', unitCode: place.provinceCode };
  return { level: 'central', unitCode: CENTRAL_CODE };
}

/** Applies the rules (already in order) to a petition. */
export function route(rules: readonly RoutingRule[], input: RoutingInput): RoutingDecision {
  const paddedText = ` ${input.foldedWords.join(' ')} `;
  for (const rule of rules) {
    if (!ruleMatches(rule, input, paddedText)) continue;
    const target = unitAt(rule.routeTo, input);
    const reason = target.level === rule.routeTo ? rule.reason : `${rule.reason} (chưa rõ địa bàn cấp ${LEVEL_NAMES[rule.routeTo]}: chuyển lên cấp ${LEVEL_NAMES[target.level]})`;
    return { ...target, ruleId: rule.ruleId, reason };
  }
  const target = unitAt('commune', input);
  return { ...target, ruleId: '', reason: DEFAULT_REASONS[target.level] };
}

export const LEVEL_NAMES: Record<HandlingLevel, string> = { central: 'Trung ương', province: 'tỉnh', commune: 'xã' };

/** Answer days of a topic at a level: the topic's own, else the level's default. */
export function answerDays(deadlines: ReadonlyMap<string, number>, topic: string, level: HandlingLevel): number {
  return deadlines.get(topic) ?? ANSWER_DAYS[level];
}

/** The level above: a commune's case goes to its province, a province's to the centre. Undefined at the centre. */
export function levelAbove(level: HandlingLevel): HandlingLevel | undefined {
  return level === 'commune' ? 'province' : level === 'province' ? 'central' : undefined;
}

export interface RoutingSetup {
  rules: StoredRule[];
  deadlines: Map<string, number>;
}

export async function loadRouting(store: Store): Promise<RoutingSetup> {
  const [rules, deadlines] = await Promise.all([routingRules(store, {}), petitionDeadlines(store, {})]);
  return {
    rules: rules.map((r) => ({
      ruleId: r.rule_id,
      position: Number(r.position),
      topic: r.topic,
      terms: r.terms,
      place: r.place as RulePlace,
      routeTo: r.route_to as HandlingLevel,
      reason: r.reason,
      enabled: Number(r.enabled) === 1,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    })),
    deadlines: new Map(deadlines.map((d) => [d.topic, Number(d.answer_days)])),
  };
}

export interface RuleFault {
  field: string;
  message: string;
}

export const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_TERMS = 100;
export const MAX_ANSWER_DAYS = 365;

/** Checks an admin's rule; the rule as stored (terms folded, duplicates dropped) or every fault. */
export function checkRule(input: Omit<RoutingRule, 'terms'> & { terms: string[] }): { rule: RoutingRule } | { faults: RuleFault[] } {
  const faults: RuleFault[] = [];
  if (!RULE_ID.test(input.ruleId)) faults.push({ field: 'ruleId', message: 'must be 1–64 lower-case letters, digits and dashes' });
  if (input.topic !== '' && !isTopic(input.topic)) faults.push({ field: 'topic', message: `"${input.topic}" is not a topic (${TOPICS.join(', ')}, or empty for any)` });
  if (!(RULE_PLACES as readonly string[]).includes(input.place)) faults.push({ field: 'place', message: `must be one of ${RULE_PLACES.join(', ')}` });
  if (!(HANDLING_LEVELS as readonly string[]).includes(input.routeTo)) faults.push({ field: 'routeTo', message: `must be one of ${HANDLING_LEVELS.join(', ')}` });
  const terms = [...new Set(input.terms.map(ruleTerm).filter((t) => t !== ''))];
  if (terms.length > MAX_TERMS) faults.push({ field: 'terms', message: `has ${terms.length} phrases; at most ${MAX_TERMS}` });
  const reason = input.reason.normalize('NFC').trim();
  if (reason.length < 5) faults.push({ field: 'reason', message: 'must say why, in a few words: it is recorded with every decision the rule makes' });
  if (faults.length > 0) return { faults };
  return { rule: { ...input, terms, reason } };
}

export async function saveRule(store: Store, rule: RoutingRule, by: string, deleted = false): Promise<void> {
  await store.insert('routing_rules', [
    {
      rule_id: rule.ruleId,
      position: rule.position,
      topic: rule.topic,
      terms: rule.terms,
      place: rule.place,
      route_to: rule.routeTo,
      reason: rule.reason,
      enabled: rule.enabled ? 1 : 0,
      deleted: deleted ? 1 : 0,
      updated_by: by,
      updated_at: new Date().toISOString(),
    },
  ]);
}

export async function saveDeadline(store: Store, topic: string, answerDays: number | null, by: string): Promise<void> {
  await store.insert('petition_deadlines', [
    { topic, answer_days: answerDays ?? 0, deleted: answerDays === null ? 1 : 0, updated_by: by, updated_at: new Date().toISOString() },
  ]);
}
