import { EdtfDate } from '../dates/edtf-date';
import {
  AskedPoint,
  askedPoint,
  certainlyAfter,
  certaintyOf,
  claimCounts,
  isBy,
  knowledgeAt,
  recordedBy,
  withdrawalCounts,
} from './time-rules';

const days = (edtf: string) => EdtfDate.parse(edtf);
const certain = (edtf: string, day: string) => isBy(days(edtf), day, 'certain');
const possible = (edtf: string, day: string) => isBy(days(edtf), day, 'possible');

describe('time rules', () => {
  describe('askedPoint', () => {
    it('takes each EDTF date by its last day and normalizes the instant', () => {
      expect(askedPoint({ asOf: '2020-07', knownAt: '2021', recordedBefore: '2026-11-23T10:00:00Z' })).toEqual({
        asOf: '2020-07-31',
        knownAt: '2021-12-31',
        recordedBefore: '2026-11-23T10:00:00.000Z',
        mode: 'certain',
      });
    });

    it('leaves out what was not asked, and keeps the mode', () => {
      expect(askedPoint({ mode: 'possible' })).toEqual({ mode: 'possible' });
    });

    it('names the parameter of a date that is not EDTF', () => {
      expect(() => askedPoint({ knownAt: 'soon' })).toThrow(/knownAt/);
    });
  });

  describe('certain and possible by a day', () => {
    it('is certain once its latest day has come, possible once its earliest has', () => {
      expect([possible('2020-07', '2020-06-30'), certain('2020-07', '2020-06-30')]).toEqual([false, false]);
      expect([possible('2020-07', '2020-07-01'), certain('2020-07', '2020-07-01')]).toEqual([true, false]);
      expect([possible('2020-07', '2020-07-31'), certain('2020-07', '2020-07-31')]).toEqual([true, true]);
    });

    it('treats an approximate or uncertain date by the days it bounds', () => {
      expect(certain('2020-07?', '2020-07-31')).toBe(true);
      expect(possible('2022~', '2022-01-01')).toBe(true);
    });

    it('is never certain with an open or unknown end, and always possible with an open start', () => {
      expect(certain('2021-09/..', '2999-12-31')).toBe(false);
      expect(certain('2021/', '2999-12-31')).toBe(false);
      expect(possible('../2022', '1900-01-01')).toBe(true);
      expect(certain('../2022', '2022-12-30')).toBe(false);
    });

    it('holds for any date when no day is asked', () => {
      expect(isBy(days('2021-09/..'), undefined, 'certain')).toBe(true);
    });
  });

  describe('recordedBefore', () => {
    const point: AskedPoint = { recordedBefore: '2026-11-23T10:00:00.000Z', mode: 'certain' };

    it('keeps what was recorded strictly before the instant', () => {
      expect(recordedBy('2026-11-23T09:59:59.999Z', point)).toBe(true);
      expect(recordedBy('2026-11-23T10:00:00.000Z', point)).toBe(false);
    });

    it('keeps everything when no instant is asked', () => {
      expect(recordedBy('2999-01-01T00:00:00.000Z', {})).toBe(true);
    });
  });

  describe('when a claim counts', () => {
    const claim = {
      occurred: days('2020-06'),
      published: days('2020-07/2020-08'),
      recordedAt: '2026-11-22T10:00:00.000Z',
      sourceRecordedAt: '2026-11-21T10:00:00.000Z',
    };
    const at = (point: Partial<AskedPoint>): AskedPoint => ({ mode: 'certain', ...point });

    it('counts once it certainly happened by asOf and was certainly published by knownAt', () => {
      expect(claimCounts(claim, at({ asOf: '2020-06-30', knownAt: '2020-08-31' }))).toBe(true);
      expect(claimCounts(claim, at({ asOf: '2020-06-29' }))).toBe(false);
      expect(claimCounts(claim, at({ knownAt: '2020-08-30' }))).toBe(false);
    });

    it('counts under mode=possible once it may have happened and may have been published', () => {
      expect(claimCounts(claim, at({ asOf: '2020-06-01', knownAt: '2020-07-01', mode: 'possible' }))).toBe(true);
      expect(claimCounts(claim, at({ asOf: '2020-05-31', mode: 'possible' }))).toBe(false);
      expect(claimCounts(claim, at({ knownAt: '2020-06-30', mode: 'possible' }))).toBe(false);
    });

    it('counts only when the claim and its source were both recorded before recordedBefore', () => {
      expect(claimCounts(claim, at({ recordedBefore: '2026-11-22T10:00:00.001Z' }))).toBe(true);
      expect(claimCounts(claim, at({ recordedBefore: '2026-11-22T10:00:00.000Z' }))).toBe(false);
      const sourceLater = { ...claim, sourceRecordedAt: '2026-11-23T00:00:00.000Z' };
      expect(claimCounts(sourceLater, at({ recordedBefore: '2026-11-22T12:00:00.000Z' }))).toBe(false);
    });

    it('is certain when both latest days are by the dates, possible otherwise, whatever the mode', () => {
      expect(certaintyOf(claim, at({ asOf: '2020-06-30', knownAt: '2020-08-31', mode: 'possible' }))).toBe('certain');
      expect(certaintyOf(claim, at({ asOf: '2020-06-15', mode: 'possible' }))).toBe('possible');
      expect(certaintyOf(claim, at({ knownAt: '2020-07-31', mode: 'possible' }))).toBe('possible');
      expect(certaintyOf(claim, at({}))).toBe('certain');
    });
  });

  describe('when a withdrawal counts', () => {
    const withdrawal = { published: days('2022'), recordedAt: '2026-11-22T10:00:00.000Z' };

    it('counts once its source is published by knownAt under the mode', () => {
      expect(withdrawalCounts(withdrawal, { knownAt: '2022-12-31', mode: 'certain' })).toBe(true);
      expect(withdrawalCounts(withdrawal, { knownAt: '2022-06-30', mode: 'certain' })).toBe(false);
      expect(withdrawalCounts(withdrawal, { knownAt: '2022-06-30', mode: 'possible' })).toBe(true);
    });

    it('does not wait for asOf: it changes what is known, not when the thing happened', () => {
      expect(withdrawalCounts(withdrawal, { asOf: '2000-01-01', mode: 'certain' })).toBe(true);
    });

    it('counts only when recorded before recordedBefore', () => {
      expect(withdrawalCounts(withdrawal, { recordedBefore: '2026-11-22T10:00:00.000Z', mode: 'certain' })).toBe(false);
      expect(withdrawalCounts(withdrawal, { recordedBefore: '2026-11-23T00:00:00.000Z', mode: 'certain' })).toBe(true);
    });
  });

  it('is certainly after another date only when its first day follows the other’s last', () => {
    expect(certainlyAfter(days('2022-10/2022-11-09'), days('2020-08'))).toBe(true);
    expect(certainlyAfter(days('2020-09/2022-12'), days('2020-08'))).toBe(true);
    expect(certainlyAfter(days('2020-07/2020-08'), days('2020-07'))).toBe(false);
    expect(certainlyAfter(days('2020-08'), days('2020-08'))).toBe(false);
  });

  it('takes what is known at a point as the point less asOf: what was published and recorded', () => {
    const point = askedPoint({
      asOf: '2020-12',
      knownAt: '2021',
      recordedBefore: '2026-01-01T00:00:00Z',
      mode: 'possible',
    });

    expect(knowledgeAt(point)).toEqual({
      knownAt: '2021-12-31',
      recordedBefore: '2026-01-01T00:00:00.000Z',
      mode: 'possible',
    });
  });
});
