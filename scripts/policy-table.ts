/**
 * Writes the settings table (src/safety/policy/settings-table.ts) into README.md's Policy
 * section, between its two markers, laid out by prettier as `npm run lint` expects.
 * test/unit/settings-table.test.ts fails when the README and the table differ: run this
 * (`npx tsx scripts/policy-table.ts`) after changing the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { withSettingsTable } from '../src/safety/policy/settings-readme.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const options = { ...(await resolveConfig(readme)), filepath: readme };
writeFileSync(readme, await format(withSettingsTable(readFileSync(readme, 'utf8')), options));
