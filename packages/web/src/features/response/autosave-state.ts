import type { ResponseContent, ResponseDraft } from '@dermis/core';

/**
 * The autosave of the response draft as a pure state machine (the hook in use-autosave.ts runs it): what the
 * clinician sees, what the server has, and what to send next. A save names the version it builds on; a 409
 * stops autosaving until the clinician chooses between the two versions.
 */
export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

export interface AutosaveState {
  content: ResponseContent;
  /** The version the next save builds on (the server's latest known to this tab). */
  version: number;
  status: SaveStatus;
  savedAt: string | null;
  /** Changes made while a save was on its way: another save follows. */
  hasPendingChanges: boolean;
  error: unknown;
  /** The stored draft when a save was refused as stale. */
  theirs: ResponseDraft | null;
}

export type AutosaveEvent =
  | { type: 'edited'; content: ResponseContent }
  | { type: 'save_started' }
  | { type: 'save_succeeded'; draft: ResponseDraft }
  | { type: 'save_failed'; error: unknown; theirs: ResponseDraft | null }
  | { type: 'keep_mine' }
  | { type: 'use_theirs' };

export function initialAutosave(draft: ResponseDraft): AutosaveState {
  return {
    content: draft.content,
    version: draft.version,
    status: 'saved',
    savedAt: draft.savedAt,
    hasPendingChanges: false,
    error: null,
    theirs: null,
  };
}

export function autosaveReducer(state: AutosaveState, event: AutosaveEvent): AutosaveState {
  switch (event.type) {
    case 'edited':
      if (state.status === 'saving') return { ...state, content: event.content, hasPendingChanges: true };
      // During a conflict the clinician may keep typing; the text is theirs to keep or drop.
      return { ...state, content: event.content, status: state.status === 'conflict' ? 'conflict' : 'dirty' };
    case 'save_started':
      return { ...state, status: 'saving', hasPendingChanges: false, error: null };
    case 'save_succeeded':
      return {
        ...state,
        version: event.draft.version,
        savedAt: event.draft.savedAt,
        status: state.hasPendingChanges ? 'dirty' : 'saved',
        hasPendingChanges: false,
      };
    case 'save_failed':
      if (event.theirs) return { ...state, status: 'conflict', theirs: event.theirs, error: null };
      return { ...state, status: 'error', error: event.error };
    case 'keep_mine':
      // Build on their version with this text: the next save replaces theirs on purpose.
      if (!state.theirs) return state;
      return { ...state, version: state.theirs.version, theirs: null, status: 'dirty' };
    case 'use_theirs':
      if (!state.theirs) return state;
      return {
        ...state,
        content: state.theirs.content,
        version: state.theirs.version,
        savedAt: state.theirs.savedAt,
        theirs: null,
        status: 'saved',
      };
  }
}

/** Whether a save should be sent now (after the debounce). */
export function shouldSave(state: AutosaveState): boolean {
  return state.status === 'dirty' || state.status === 'error';
}
