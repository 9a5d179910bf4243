/**
 * Every tool the server offers, as tools/list names them (from the snapshots, which the unit
 * tier keeps equal to the table): client tests check that a library converted each one.
 */
import { readdirSync } from 'node:fs';

export const TOOL_NAMES: readonly string[] = readdirSync(
  new URL('../snapshots/tools/', import.meta.url),
)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));
