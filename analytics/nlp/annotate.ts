/**
 * Annotating a petition or a post as it is stored: topic and sentiment with their confidences, the place its text
 * names, and its terms, as one row of nlp_labels. Ingestion, the demo and relabelling all go through here, so every
 * label row is made the same way.
 */
import type { Store } from '../store/index.js';
import { unitsInForce, unitSuccessions } from '../queries/registry.js';
import { dayInVietnam } from '../clock.js';
import { shippedLabeller, type Labeller } from './labeller.js';
import { PlaceFinder, type FormerUnit, type PlaceUnit } from './places.js';
import { termsOf } from './keywords.js';
import { processText } from './pipeline.js';

export type ItemKind = 'petition' | 'post';

export interface TextItem {
  item_id: string;
  text: string;
  /** "YYYY-MM-DD hh:mm:ss", Vietnam time. */
  occurred_at: string;
  province_code: string;
  commune_code: string;
  /** Petition channel or post source. */
  channel: string;
}

export interface LabelRow {
  item_kind: ItemKind;
  item_id: string;
  model_version: string;
  topic: string;
  topic_confidence: number;
  sentiment: string;
  sentiment_confidence: number;
  place_province_code: string;
  place_commune_code: string;
  terms: string[];
  occurred_at: string;
  province_code: string;
  commune_code: string;
  channel: string;
  labelled_at: string;
}

/** What a place finder is built from; plain data, so it can be sent to worker threads. */
export interface PlaceData {
  units: PlaceUnit[];
  former: FormerUnit[];
}

export async function loadPlaceData(store: Store, asOf = dayInVietnam()): Promise<PlaceData> {
  const [units, former] = await Promise.all([
    unitsInForce(store, { as_of: asOf, levels: ['province', 'commune'], province_code: '' }),
    unitSuccessions(store, {}),
  ]);
  return {
    units: units.map((u) => ({ code: u.code, name: u.name, level: u.level as 'province' | 'commune', province_code: u.province_code })),
    former: former.map((f) => ({ from_name: f.from_name, from_district: f.from_district, from_province: f.from_province, to_code: f.to_code })),
  };
}

export class Annotator {
  private readonly places: PlaceFinder;

  constructor(
    readonly labeller: Labeller,
    placeData: PlaceData,
  ) {
    this.places = new PlaceFinder(placeData.units, placeData.former);
  }

  get version(): string {
    return this.labeller.version;
  }

  annotate(kind: ItemKind, item: TextItem, labelledAt = new Date().toISOString()): LabelRow {
    const p = processText(item.text);
    const labels = this.labeller.labelProcessed(p);
    // The item's own place, where known, decides among communes of the same name.
    const place = this.places.findProcessed(p, { provinceCode: item.province_code || undefined, communeCode: item.commune_code || undefined });
    return {
      item_kind: kind,
      item_id: item.item_id,
      model_version: this.labeller.version,
      topic: labels.topic,
      topic_confidence: round(labels.topicConfidence),
      sentiment: labels.sentiment,
      sentiment_confidence: round(labels.sentimentConfidence),
      place_province_code: place?.provinceCode ?? '',
      place_commune_code: place?.communeCode ?? '',
      terms: termsOf(p),
      occurred_at: item.occurred_at,
      province_code: item.province_code,
      commune_code: item.commune_code,
      channel: item.channel,
      labelled_at: labelledAt,
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export async function createAnnotator(store: Store, labeller: Labeller = shippedLabeller()): Promise<Annotator> {
  return new Annotator(labeller, await loadPlaceData(store));
}
