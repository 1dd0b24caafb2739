/**
 * A labelling thread: holds the shipped models and the place finder, and annotates batches of texts sent by the
 * pool (label-pool.ts), answering with the nlp_labels rows as JSON Lines. Started through worker-boot.mjs.
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
    // The rows go back as the insert's JSONEachRow body: a string crosses to the main thread without being cloned
    // field by field, and the main thread (which reads, checks and writes) does not serialise them again.
    const body = request.items.map((item) => JSON.stringify(annotator.annotate(request.kind, item, request.labelledAt))).join('\n');
    port.postMessage({ id: request.id, body });
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) });
  }
});
