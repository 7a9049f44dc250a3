import type { ResponseDraft } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { type AutosaveState, autosaveReducer, initialAutosave, shouldSave } from './autosave-state.ts';

const draft = (version: number, narrative: string): ResponseDraft => ({
  caseId: '0b8a3a0e-3a55-4c2c-9d3e-1f7f5d0b1a01',
  version,
  content: { disposition: null, narrative, medication: null, imageRequests: [], carePlan: 'none' },
  savedAt: version === 0 ? null : `2026-11-25T10:0${version}:00.000Z`,
  uploadedCarePlan: null,
  isSigned: false,
});
const typed = (state: AutosaveState, narrative: string) =>
  autosaveReducer(state, { type: 'edited', content: { ...state.content, narrative } });

describe('autosave', () => {
  it('typing makes the draft dirty; a save builds on the returned version', () => {
    let state = typed(initialAutosave(draft(0, '')), 'Hello');
    expect(state.status).toBe('dirty');
    expect(shouldSave(state)).toBe(true);
    state = autosaveReducer(state, { type: 'save_started' });
    state = autosaveReducer(state, { type: 'save_succeeded', draft: draft(1, 'Hello') });
    expect(state).toMatchObject({ status: 'saved', version: 1, savedAt: '2026-11-25T10:01:00.000Z' });
    expect(shouldSave(state)).toBe(false);
  });

  it('typing during a save is kept and saved next, never lost', () => {
    let state = typed(initialAutosave(draft(0, '')), 'Hel');
    state = autosaveReducer(state, { type: 'save_started' });
    state = typed(state, 'Hello there');
    state = autosaveReducer(state, { type: 'save_succeeded', draft: draft(1, 'Hel') });
    expect(state).toMatchObject({ status: 'dirty', version: 1 });
    expect(state.content.narrative).toBe('Hello there');
  });

  it('a failed save is retried with the same version', () => {
    let state = autosaveReducer(typed(initialAutosave(draft(2, 'a')), 'ab'), { type: 'save_started' });
    state = autosaveReducer(state, { type: 'save_failed', error: new Error('offline'), theirs: null });
    expect(state).toMatchObject({ status: 'error', version: 2 });
    expect(shouldSave(state)).toBe(true);
  });

  it('a stale save stops autosaving until the clinician chooses; keep mine builds on theirs', () => {
    let state = autosaveReducer(typed(initialAutosave(draft(1, 'mine')), 'mine, longer'), { type: 'save_started' });
    state = autosaveReducer(state, { type: 'save_failed', error: null, theirs: draft(3, 'theirs') });
    expect(state.status).toBe('conflict');
    expect(shouldSave(typed(state, 'still mine'))).toBe(false);
    state = autosaveReducer(typed(state, 'still mine'), { type: 'keep_mine' });
    expect(state).toMatchObject({ status: 'dirty', version: 3, theirs: null });
    expect(state.content.narrative).toBe('still mine');
  });

  it('use theirs replaces the text with the stored version', () => {
    let state = autosaveReducer(typed(initialAutosave(draft(1, 'mine')), 'mine 2'), { type: 'save_started' });
    state = autosaveReducer(state, { type: 'save_failed', error: null, theirs: draft(3, 'theirs') });
    state = autosaveReducer(state, { type: 'use_theirs' });
    expect(state).toMatchObject({ status: 'saved', version: 3, theirs: null });
    expect(state.content.narrative).toBe('theirs');
  });
});
