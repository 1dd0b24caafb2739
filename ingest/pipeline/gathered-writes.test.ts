import { describe, expect, it } from 'vitest';
import type { Store } from '../../analytics/store/index.js';
import { GatheredWrites } from './gathered-writes.js';

// The constructor only checks its arguments; the moves themselves are tested against the engine
// (test/integration/ingest-quarantine.test.ts, "petitions gathered in the engine…").
const unused = {} as Store;
const make = (movedEvery: Record<string, number>) => () => new GatheredWrites(unused, 'run-1', ['petitions', 'petition_events', 'nlp_labels'], movedEvery);

describe('a table moved every few moves only', () => {
  it('may be any table after the first', () => {
    expect(make({ nlp_labels: 4, petition_events: 2 })).not.toThrow();
  });

  it('is never the first table, whose rows the others depend on', () => {
    expect(make({ petitions: 4 })).toThrow('cannot move petitions every 4 moves');
  });

  it('is one of the tables, moved every whole number of moves from one', () => {
    expect(make({ opinion_posts: 2 })).toThrow('cannot move opinion_posts every 2 moves');
    expect(make({ nlp_labels: 0 })).toThrow('cannot move nlp_labels every 0 moves');
    expect(make({ nlp_labels: 1.5 })).toThrow('cannot move nlp_labels every 1.5 moves');
  });
});
