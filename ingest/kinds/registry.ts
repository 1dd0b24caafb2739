/**
 * The registry files `npm run units:import` takes: the official list of provinces and communes, or the table of
 * former units and the units they became. Which one a file is, its header says.
 */
import { fileURLToPath } from 'node:url';
import type { Store } from '../../analytics/store/index.js';
import { unitsInForce, unitSuccessions } from '../../analytics/queries/registry.js';
import { dayInVietnam } from '../../analytics/clock.js';
import { fileSource, readRows, InputError, type SourceFile } from '../readers/index.js';
import { HEADER_SEARCH_ROWS, isHeaderOf } from '../pipeline/columns.js';
import type { IngestSummary } from '../pipeline/run.js';
import * as officialKind from './official-units.js';
import * as successionsKind from './unit-successions.js';

export type RegistryOptions = officialKind.OfficialUnitsOptions;
export type RegistrySummary = IngestSummary & { registry?: officialKind.RegistryChanges };

export async function registryKindOf(source: SourceFile, options: RegistryOptions): Promise<'official_units' | 'unit_successions'> {
  let rows = 0;
  for await (const row of readRows(source, options)) {
    if (isHeaderOf(row.cells, successionsKind.COLUMNS)) return 'unit_successions';
    if (isHeaderOf(row.cells, officialKind.COLUMNS)) return 'official_units';
    if (++rows >= HEADER_SEARCH_ROWS) break;
  }
  throw new InputError(
    source.name,
    'is neither an official list of units (province_code, province_name, commune_code, commune_name, commune_type) ' +
      'nor a table of former units (from_code, from_name, to_code)',
  );
}

export async function importRegistryFile(store: Store, source: SourceFile, options: RegistryOptions): Promise<RegistrySummary> {
  return (await registryKindOf(source, options)) === 'unit_successions'
    ? successionsKind.importUnitSuccessions(store, source, options)
    : officialKind.importOfficialUnits(store, source, options);
}

/** The registry files shipped with the repository (ingest/data), so that a fresh clone works on its own. */
export const BUNDLED_UNITS_FILE = fileURLToPath(new URL('../data/vn-admin-units-2025.csv', import.meta.url));
export const BUNDLED_SUCCESSIONS_FILE = fileURLToPath(new URL('../data/vn-unit-successions-2025.csv', import.meta.url));

/** Loads what the store lacks of the bundled registry: the official list when no province is in force, the former units when none is known. */
export async function loadBundledRegistry(store: Store, wayIn: RegistryOptions['wayIn'], asOf = dayInVietnam()): Promise<RegistrySummary[]> {
  const done: RegistrySummary[] = [];
  const provinces = await unitsInForce(store, { as_of: asOf, levels: ['province'], province_code: '' });
  if (provinces.length === 0) done.push(await officialKind.importOfficialUnits(store, fileSource(BUNDLED_UNITS_FILE), { wayIn, startedBy: 'system' }));
  if ((await unitSuccessions(store, {})).length === 0) {
    done.push(await successionsKind.importUnitSuccessions(store, fileSource(BUNDLED_SUCCESSIONS_FILE), { wayIn, startedBy: 'system' }));
  }
  return done;
}
