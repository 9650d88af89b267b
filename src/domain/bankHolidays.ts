/**
 * The bank holidays of a region of the United Kingdom, from date-holidays: its rules ship inside the
 * package (nothing is fetched at run time) and compute every year, substitute days included (Boxing
 * Day 2026 falls on a Saturday, so Monday 28 December is the bank holiday). Never a hand-typed table.
 *
 * The one module of src/domain that imports a library other than luxon (issue 9 names it): a pure
 * data library, asked for whole years and cached, so a working-day count never asks it per day.
 */
import Holidays from 'date-holidays';
import type { LocalDate, Region } from './model';

export type { Region } from './model';

export const REGIONS: readonly Region[] = ['england-and-wales', 'scotland', 'northern-ireland', 'none'];

export const DEFAULT_REGION: Region = 'england-and-wales';

/** England and Wales share their bank holidays; date-holidays knows them as GB-ENG (and GB-WLS). */
const STATE: Readonly<Record<Exclude<Region, 'none'>, string>> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

const byRegion = new Map<Exclude<Region, 'none'>, { readonly rules: Holidays; readonly years: Map<number, readonly LocalDate[]> }>();

/**
 * The bank holidays of `region` in `year` (`YYYY-MM-DD`, ascending): the holidays date-holidays
 * types `public` or `bank` (not observances such as Mother's Day).
 */
export function bankHolidays(region: Region, year: number): readonly LocalDate[] {
  if (region === 'none') return [];
  let entry = byRegion.get(region);
  if (entry === undefined) {
    const state = STATE[region];
    if (state === undefined) throw new RangeError(`not a region: ${String(region)}`);
    entry = { rules: new Holidays('GB', state), years: new Map() };
    byRegion.set(region, entry);
  }
  let dates = entry.years.get(year);
  if (dates === undefined) {
    const found = new Set<LocalDate>();
    for (const h of entry.rules.getHolidays(year)) {
      if (h.type === 'public' || h.type === 'bank') found.add(h.date.slice(0, 10));
    }
    dates = [...found].sort();
    entry.years.set(year, dates);
  }
  return dates;
}
