import { describe, expect, it } from 'vitest';
import { type BodySiteChoice, isSideChosen, type SiteOnSide, toggleSide } from './body-site-selection.ts';

const FOREARM = '14975008';
const BACK = '77568009';
const HAND = '85562004';

const leftForearm: SiteOnSide = { site: FOREARM, laterality: 'left' };
const rightForearm: SiteOnSide = { site: FOREARM, laterality: 'right' };
const bothForearms: BodySiteChoice = { site: FOREARM, laterality: 'bilateral' };
const back: SiteOnSide = { site: BACK, laterality: null };
const leftHand: SiteOnSide = { site: HAND, laterality: 'left' };

describe('toggleSide: a tap on the body map', () => {
  const rows: [name: string, chosen: BodySiteChoice[], tapped: SiteOnSide, expected: BodySiteChoice[]][] = [
    ['adds a side that was not chosen', [], leftForearm, [leftForearm]],
    ['adds a midline site without a side', [leftForearm], back, [leftForearm, back]],
    [
      'removes a side that was chosen, keeping the others in order',
      [back, leftForearm, leftHand],
      leftForearm,
      [back, leftHand],
    ],
    ['removes a midline site', [back, leftHand], back, [leftHand]],
    [
      'adds the other side as its own place (each side gets its own photos)',
      [leftForearm],
      rightForearm,
      [leftForearm, rightForearm],
    ],
    [
      'takes one side off a site chosen on both sides, keeping the other side where it was',
      [back, bothForearms, leftHand],
      leftForearm,
      [back, rightForearm, leftHand],
    ],
    ['the same for the right side', [bothForearms], rightForearm, [leftForearm]],
    ['does not confuse the same side of another site', [leftHand], leftForearm, [leftHand, leftForearm]],
  ];
  it.each(rows)('%s', (_name, chosen, tapped, expected) => {
    expect(toggleSide(chosen, tapped)).toEqual(expected);
  });

  it('does not change the list it was given (the case state stays the one source)', () => {
    const chosen = [leftForearm];
    toggleSide(chosen, leftForearm);
    expect(chosen).toEqual([leftForearm]);
  });

  it('two taps on the same region give back the list it started from', () => {
    const start = [back, leftHand];
    expect(toggleSide(toggleSide(start, leftForearm), leftForearm)).toEqual(start);
  });
});

describe('isSideChosen: what the body map shows as chosen', () => {
  const rows: [name: string, chosen: BodySiteChoice[], place: SiteOnSide, expected: boolean][] = [
    ['the side chosen in the list', [leftForearm], leftForearm, true],
    ['not the other side', [leftForearm], rightForearm, false],
    ['both sides when the list says "both sides"', [bothForearms], rightForearm, true],
    ['a midline site chosen in the list', [back], back, true],
    ['nothing chosen', [], back, false],
    ['not another site on the same side', [leftHand], leftForearm, false],
  ];
  it.each(rows)('%s', (_name, chosen, place, expected) => {
    expect(isSideChosen(chosen, place)).toBe(expected);
  });
});
