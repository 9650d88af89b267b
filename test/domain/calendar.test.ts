import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { dateOf, dayOf, isLocalDate, localDayOfInstant, parseLocalDate, plusMonths, ZoneClock } from '../../src/domain/calendar';

const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const clock = (zone: string) => ZoneClock.of(zone) as ZoneClock;
const luxonDay = (iso: string) => Math.round(DateTime.fromISO(iso, { zone: 'utc' }).toMillis() / 86_400_000);

describe('calendar (day numbers over luxon)', () => {
  describe('local dates', () => {
    const table: [string, boolean][] = [
      ['2026-02-28', true],
      ['2024-02-29', true],
      ['2025-02-29', false],
      ['2026-02-30', false],
      ['2026-04-31', false],
      ['2026-13-01', false],
      ['2026-00-10', false],
      ['2026-01-00', false],
      ['2026-1-01', false],
      ['2026-01-01T00:00', false],
      ['20260101', false],
      ['２０２６-01-01', false],
      ['302x-01-05', false], // not 2020-01-05
      ['202/-01-05', false],
      ['999 -12-31', false],
      ['2026-01-0x', false],
      ['2026-0x-05', false],
      ['', false],
    ];
    for (const [s, valid] of table) it(`${JSON.stringify(s)} is ${valid ? '' : 'not '}a real date`, () => assert.equal(isLocalDate(s), valid));

    it('day numbers agree with luxon both ways, years 0001-9999', () => {
      fc.assert(
        fc.property(fc.integer({ min: luxonDay('0001-01-01'), max: luxonDay('9999-12-31') }), (day) => {
          const iso = DateTime.fromMillis(day * 86_400_000, { zone: 'utc' }).toISODate() as string;
          assert.equal(dateOf(day), iso);
          assert.equal(dayOf(iso), day);
        }),
        { numRuns: 2000 },
      );
    });

    it('plusMonths is luxon plus({ months }) on dates (clamped to the month end)', () => {
      fc.assert(
        fc.property(fc.integer({ min: luxonDay('1900-01-01'), max: luxonDay('2200-12-31') }), fc.integer({ min: 0, max: 600 }), (day, n) => {
          const iso = dateOf(day);
          const expected = DateTime.fromISO(iso, { zone: 'utc' }).plus({ months: n }).toISODate();
          assert.equal(dateOf(plusMonths(parseLocalDate(iso)!, n)), expected);
        }),
        { numRuns: 3000 },
      );
    });
  });

  describe('local date of an instant', () => {
    it('agrees with luxon for instants in any zone, written with Z, an offset or none', () => {
      const lo = DateTime.fromISO('1990-01-01T00:00:00Z').toMillis();
      const hi = DateTime.fromISO('2040-01-01T00:00:00Z').toMillis();
      fc.assert(
        fc.property(
          fc.integer({ min: lo / 60_000, max: hi / 60_000 }),
          fc.constantFrom(...ZONES),
          fc.constantFrom(...ZONES),
          fc.constantFrom('Z', 'offset', 'basic', 'local', 'seconds'),
          (minute, zone, writtenIn, style) => {
            const t = DateTime.fromMillis(minute * 60_000, { zone: writtenIn });
            const s =
              style === 'Z'
                ? (t.toUTC().toISO() as string)
                : style === 'offset'
                  ? (t.toISO() as string)
                  : style === 'basic'
                    ? t.toFormat("yyyy-MM-dd'T'HH:mm:ssZZZ")
                    : style === 'seconds'
                      ? t.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")
                      : t.toFormat("yyyy-MM-dd'T'HH:mm");
            // luxon's own reading; a wall time without offset is read in the evaluation zone
            const expected = DateTime.fromISO(s, { zone }).toISODate() as string;
            assert.equal(dateOf(localDayOfInstant(s, clock(zone))), expected, `${s} in ${zone}`);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('is exact around every offset change of 2024-2028 (to the millisecond at the change)', () => {
      const step = 6 * 3_600_000;
      for (const zone of ZONES) {
        const iana = IANAZone.create(zone);
        const end = DateTime.fromISO('2029-01-01T00:00:00Z').toMillis();
        for (let t = DateTime.fromISO('2024-01-01T00:00:00Z').toMillis(); t < end; t += step) {
          if (iana.offset(t) === iana.offset(t + step)) continue;
          let lo = t;
          let hi = t + step;
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (iana.offset(mid) === iana.offset(t)) lo = mid;
            else hi = mid;
          }
          const probes = [-1, 0, 1, ...[-3, -2, -1, 1, 2, 3].map((m) => m * 60_000)];
          for (let m = -1500; m <= 1500; m += 37) probes.push(m * 60_000);
          for (const dt of probes) {
            const at = hi + dt;
            const s = DateTime.fromMillis(at, { zone: 'utc' }).toISO() as string;
            assert.equal(dateOf(localDayOfInstant(s, clock(zone))), DateTime.fromMillis(at, { zone }).toISODate(), `${s} in ${zone}`);
          }
        }
      }
    });

    const invalid = ['yesterday', '302x-01-06T10:00:00Z', '2026-02-30T10:00:00Z', '2026-03-29T25:00:00Z', '2026-03-29T10:61Z', '2026-03-29T10:00:00.Z', ''];
    for (const s of invalid) it(`${JSON.stringify(s)} is not an instant`, () => assert.ok(Number.isNaN(localDayOfInstant(s, clock('UTC')))));

    it('reads fractions of a second and lower-precision forms luxon accepts', () => {
      const london = clock('Europe/London');
      assert.equal(dateOf(localDayOfInstant('2026-07-01T23:30:00.123456Z', london)), '2026-07-02');
      assert.equal(dateOf(localDayOfInstant('2026-07-01T23:30:00+01', london)), '2026-07-01');
      assert.equal(dateOf(localDayOfInstant('2026-07-01T23:30:00-05:00', london)), '2026-07-02');
    });

    it('knows IANA zones and refuses other names', () => {
      assert.equal(ZoneClock.of('Europe/London')?.name, 'Europe/London');
      assert.equal(ZoneClock.of('Mars/Olympus'), null);
      assert.equal(ZoneClock.of('GMT+25'), null);
    });
  });
});
