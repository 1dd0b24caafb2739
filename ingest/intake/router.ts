/**
 * The router: takes the intake queue's submissions, oldest first, and makes each a petition held by the Front that
 * handles it. Named steps, in order, for each submission:
 *   classify   topic, sentiment and the place the text names (the shipped models, in the labelling threads)
 *   place      the commune or province the citizen chose, else the one the text names, else none
 *   group      a near-copy of a recent submission joins its mass case and goes where the case is held
 *   rule       otherwise the routing rules decide the level and unit (analytics/handling/rules.ts)
 *   deadline   the topic's answer days, else the level's
 *   store      the petition, its "received" and "routed" events, its label, and last the decision (petition_routing)
 * The decision is written last: a crash before it leaves the submission in the queue, and the next pass routes it
 * again without storing the petition or its label twice.
 */
import type { Store } from '../../analytics/store/index.js';
import type { LabelRow, TextItem } from '../../analytics/nlp/annotate.js';
import { processText } from '../../analytics/nlp/pipeline.js';
import { CampaignIndex } from '../../analytics/nlp/campaigns.js';
import { answerDays, loadRouting, route, type RoutingDecision } from '../../analytics/handling/rules.js';
import {
  caseHolders,
  labelledPetitionIds,
  pendingSubmissions,
  recentSignatures,
  storedPetitionIds,
  type PendingSubmission,
} from '../../analytics/queries/handling.js';
import type { HandlingLevel } from '../../analytics/registry/vocabularies.js';
import { timeInVietnam } from '../../analytics/clock.js';
import { withLabelPool } from '../pipeline/label-pool.js';
import { addDaysToTime } from '../pipeline/values.js';
import { displayCode, trackingCodeOf } from './tracking.js';

/** How far back the mass-petition index looks: copies of a complaint arrive within weeks. */
export const CAMPAIGN_WINDOW_DAYS = 90;
/** Submissions routed in one pass at most (one labelling request, a few inserts). */
const PASS_SIZE = 2000;

export interface RoutedSubmission {
  trackingCode: string;
  petitionId: string;
  decision: RoutingDecision & { dueAt: string; caseId: string };
}

interface CaseHolder {
  level: HandlingLevel;
  unitCode: string;
  dueAt: string;
  trackingCode: string;
}

interface Decided {
  submission: PendingSubmission;
  label: LabelRow;
  provinceCode: string;
  communeCode: string;
  placeSource: 'none' | 'chosen' | 'detected';
  decision: RoutingDecision;
  dueAt: string;
  caseId: string;
  similarity: number;
  signature: number[];
}

export class Router {
  private index: CampaignIndex | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The mass-petition index, rebuilt from the stored signatures of recent days on first use. */
  private async campaigns(): Promise<CampaignIndex> {
    if (this.index) return this.index;
    const index = new CampaignIndex();
    const since = timeInVietnam(new Date(this.now().getTime() - CAMPAIGN_WINDOW_DAYS * 86400_000));
    for (const r of await recentSignatures(this.store, { since })) index.restore(r.petition_id, Uint32Array.from(r.signature), r.case_id || r.petition_id);
    this.index = index;
    return index;
  }

  /** Routes every submission in the queue; the ones routed, in order. */
  async routePending(): Promise<RoutedSubmission[]> {
    const routed: RoutedSubmission[] = [];
    for (;;) {
      const pending = await pendingSubmissions(this.store, { limit: PASS_SIZE });
      if (pending.length === 0) return routed;
      routed.push(...(await this.routeBatch(pending)));
      if (pending.length < PASS_SIZE) return routed;
    }
  }

  private async routeBatch(pending: PendingSubmission[]): Promise<RoutedSubmission[]> {
    const [setup, index, labels] = await Promise.all([loadRouting(this.store), this.campaigns(), classify(this.store, pending)]);
    // group, first for the whole batch: the cases started by earlier passes are then looked up in one query.
    const grouped = pending.map((submission) => {
      const words = processText(`${submission.title}. ${submission.text}`).folded;
      const match = index.addWords(submission.petition_id, words);
      return { submission, words, match, caseId: match.campaignId === submission.petition_id ? '' : match.campaignId };
    });
    const inBatch = new Set(pending.map((s) => s.petition_id));
    const earlier = [...new Set(grouped.map((g) => g.caseId).filter((id) => id !== '' && !inBatch.has(id)))];
    const holders = new Map<string, CaseHolder>();
    if (earlier.length > 0) {
      for (const h of await caseHolders(this.store, { codes: earlier.map(trackingCodeOf) })) {
        holders.set(h.petition_id, { level: h.handling_level as HandlingLevel, unitCode: h.unit_code, dueAt: h.due_at, trackingCode: h.tracking_code });
      }
    }

    const decided: Decided[] = [];
    for (const [i, { submission, words, match, caseId }] of grouped.entries()) {
      const label = labels[i] as LabelRow;
      // place
      const chosen = submission.commune_code || submission.province_code;
      const provinceCode = chosen ? submission.province_code : label.place_province_code;
      const communeCode = chosen ? submission.commune_code : label.place_commune_code;
      const placeSource = chosen ? 'chosen' : provinceCode ? 'detected' : 'none';
      let decision: RoutingDecision;
      let dueAt: string;
      const lead = caseId ? holders.get(caseId) : undefined;
      if (lead) {
        decision = {
          level: lead.level,
          unitCode: lead.unitCode,
          ruleId: 'mass-case',
          reason: `Trùng nội dung với đơn ${displayCode(lead.trackingCode)} (độ tương đồng ${match.similarity.toFixed(2).replace('.', ',')}): gộp vào cùng vụ việc, cùng đơn vị xử lý`,
        };
        dueAt = lead.dueAt;
      } else {
        // rule, deadline
        decision = route(setup.rules, { topic: label.topic, foldedWords: words, provinceCode, communeCode });
        dueAt = addDaysToTime(submission.submitted_at.slice(0, 19), answerDays(setup.deadlines, label.topic, decision.level));
      }
      const d: Decided = {
        submission,
        label: { ...label, province_code: provinceCode, commune_code: communeCode },
        provinceCode,
        communeCode,
        placeSource,
        decision,
        dueAt,
        caseId: lead ? caseId : '',
        similarity: lead ? match.similarity : 0,
        signature: match.signature ? [...match.signature] : [],
      };
      decided.push(d);
      // The first petition of a case started in this batch: the copies after it go where it goes.
      if (!caseId) holders.set(submission.petition_id, { level: decision.level, unitCode: decision.unitCode, dueAt, trackingCode: submission.tracking_code });
    }
    try {
      await this.write(decided);
    } catch (error) {
      // The index now holds texts that were not stored: rebuild it from the store before the next pass.
      this.index = undefined;
      throw error;
    }
    return decided.map((d) => ({
      trackingCode: d.submission.tracking_code,
      petitionId: d.submission.petition_id,
      decision: { ...d.decision, dueAt: d.dueAt, caseId: d.caseId },
    }));
  }

  // store
  private async write(decided: Decided[]): Promise<void> {
    const ids = decided.map((d) => d.submission.petition_id);
    const stored = new Set((await storedPetitionIds(this.store, { ids })).map((r) => r.petition_id));
    const labelled = stored.size > 0 ? new Set((await labelledPetitionIds(this.store, { ids: [...stored], version: decided[0]?.label.model_version ?? '' })).map((r) => r.item_id)) : new Set<string>();
    const routedAt = this.now().toISOString();
    const fresh = decided.filter((d) => !stored.has(d.submission.petition_id));
    if (fresh.length > 0) {
      await this.store.insert(
        'petitions',
        fresh.map((d) => ({
          petition_id: d.submission.petition_id,
          received_at: d.submission.submitted_at.slice(0, 19),
          channel: d.submission.channel,
          province_code: d.provinceCode,
          commune_code: d.communeCode,
          village_code: '',
          handling_level: d.decision.level,
          handling_unit_code: d.decision.unitCode,
          due_at: d.dueAt,
          title: d.submission.title,
          text: d.submission.text,
          contact_sealed: d.submission.contact_sealed,
          consent_contact: d.submission.consent_contact,
          case_id: d.caseId,
          source: 'intake',
          ingest_run_id: '',
          inserted_at: routedAt,
        })),
      );
    }
    await this.store.insert(
      'petition_events',
      decided.flatMap((d) => {
        const common = {
          petition_id: d.submission.petition_id,
          province_code: d.provinceCode,
          commune_code: d.communeCode,
          unit_code: d.decision.unitCode,
          handling_level: d.decision.level,
          due_at: d.dueAt,
          actor: 'system',
          partner: '',
          ingest_run_id: '',
        };
        return [
          { ...common, event_id: 'received', event_at: d.submission.submitted_at, status: 'received', note: '' },
          { ...common, event_id: 'routed', event_at: routedAt, status: 'routed', note: d.decision.reason },
        ];
      }),
    );
    const labels = decided.filter((d) => !labelled.has(d.submission.petition_id)).map((d) => d.label);
    if (labels.length > 0) await this.store.insert('nlp_labels', labels);
    await this.store.insert(
      'petition_routing',
      decided.map((d) => ({
        tracking_code: d.submission.tracking_code,
        petition_id: d.submission.petition_id,
        submitted_at: d.submission.submitted_at,
        routed_at: routedAt,
        province_code: d.provinceCode,
        commune_code: d.communeCode,
        place_source: d.placeSource,
        topic: d.label.topic,
        sentiment: d.label.sentiment,
        rule_id: d.decision.ruleId,
        reason: d.decision.reason,
        handling_level: d.decision.level,
        unit_code: d.decision.unitCode,
        due_at: d.dueAt,
        case_id: d.caseId,
        similarity: d.similarity,
        signature: d.signature,
      })),
    );
  }
}

/** classify: the label rows of the submissions, in order, from the labelling threads. */
async function classify(store: Store, pending: PendingSubmission[]): Promise<LabelRow[]> {
  const items: TextItem[] = pending.map((s) => ({
    item_id: s.petition_id,
    text: `${s.title}. ${s.text}`,
    occurred_at: s.submitted_at.slice(0, 19),
    province_code: s.province_code,
    commune_code: s.commune_code,
    channel: s.channel,
  }));
  const body = await withLabelPool(store, (pool) => pool.label('petition', items));
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LabelRow);
}
