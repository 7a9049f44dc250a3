import type { ResponseContent, ResponseDraft } from '@dermis/core';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { autosaveReducer, initialAutosave, shouldSave } from './autosave-state.ts';
import { conflictOf, putDraft } from './response-api.ts';

/** How long the clinician may pause before the draft is saved (a crash loses at most this much typing). */
export const AUTOSAVE_DELAY_MS = 1500;
/** Someone who types without a pause still has their text saved at least this often. */
export const AUTOSAVE_MAX_WAIT_MS = 5000;
const RETRY_DELAY_MS = 5000;

/**
 * Saves the draft as the clinician types: after a pause (debounced) and at least every few seconds of
 * continuous typing, one save at a time, each naming the version it builds on. The reducer drives what is shown; the refs are what the next request sends (they change without a render).
 */
export function useAutosave(caseId: string, draft: ResponseDraft) {
  const [state, dispatch] = useReducer(autosaveReducer, draft, initialAutosave);
  const content = useRef(draft.content);
  const version = useRef(draft.version);
  const isDirty = useRef(false);
  const isBlocked = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const lastError = useRef<unknown>(null);
  const dirtySince = useRef<number | null>(null);

  const save = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    if (!isDirty.current || isBlocked.current) return Promise.resolve();
    isDirty.current = false;
    dirtySince.current = null;
    dispatch({ type: 'save_started' });
    const run = putDraft(caseId, version.current, content.current)
      .then(
        (saved) => {
          version.current = saved.version;
          dispatch({ type: 'save_succeeded', draft: saved });
        },
        (error: unknown) => {
          isDirty.current = true;
          lastError.current = error;
          const theirs = conflictOf(error);
          if (theirs) isBlocked.current = true;
          dispatch({ type: 'save_failed', error, theirs });
        },
      )
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = run;
    return run;
  }, [caseId]);

  useEffect(() => {
    if (!shouldSave(state)) return;
    const untilMaxWait = (dirtySince.current ?? Date.now()) + AUTOSAVE_MAX_WAIT_MS - Date.now();
    const delay = state.status === 'error' ? RETRY_DELAY_MS : Math.max(0, Math.min(AUTOSAVE_DELAY_MS, untilMaxWait));
    const timer = setTimeout(save, delay);
    return () => clearTimeout(timer);
  }, [state, save]);

  // Leaving the tab (or closing the laptop) or the page saves at once rather than after the pause; closing the
  // tab with typing not yet on the server asks first.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (isDirty.current || inFlight.current) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      void save();
    };
  }, [save]);

  const edit = useCallback((next: ResponseContent) => {
    content.current = next;
    isDirty.current = true;
    dirtySince.current ??= Date.now();
    dispatch({ type: 'edited', content: next });
  }, []);

  const keepMine = useCallback(() => {
    if (!state.theirs) return;
    version.current = state.theirs.version;
    isBlocked.current = false;
    isDirty.current = true;
    dispatch({ type: 'keep_mine' });
  }, [state.theirs]);

  const takeTheirs = useCallback(() => {
    if (!state.theirs) return;
    version.current = state.theirs.version;
    content.current = state.theirs.content;
    isBlocked.current = false;
    isDirty.current = false;
    dispatch({ type: 'use_theirs' });
  }, [state.theirs]);

  /** Saves anything unsaved now and returns the version on the server (signing names it). */
  const flush = useCallback(async (): Promise<number> => {
    if (inFlight.current) await inFlight.current;
    if (isDirty.current) await save();
    if (isDirty.current) throw lastError.current;
    return version.current;
  }, [save]);

  return { state, edit, keepMine, takeTheirs, flush };
}
