/**
 * A labelling thread: holds the shipped models and the place finder, and annotates batches of texts sent by the
 * pool (label-pool.ts). Started through worker-boot.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Annotator, type ItemKind, type PlaceData, type TextItem } from '../../analytics/nlp/annotate.js';
import { shippedLabeller } from '../../analytics/nlp/labeller.js';

export interface LabelRequest {
  id: number;
  kind: ItemKind;
  items: TextItem[];
  labelledAt: string;
}

const port = parentPort;
if (!port) throw new Error('label-worker runs as a worker thread');
const annotator = new Annotator(shippedLabeller(), (workerData as { placeData: PlaceData }).placeData);
port.postMessage({ ready: true, version: annotator.version });
port.on('message', (request: LabelRequest) => {
  try {
    const rows = request.items.map((item) => annotator.annotate(request.kind, item, request.labelledAt));
    port.postMessage({ id: request.id, rows });
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) });
  }
});
