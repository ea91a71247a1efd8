import type { ViewSpecInput } from '../../../shared/view-spec.ts';

/** The view and its history: every control change is one step that can be undone and redone. */
export interface ViewHistory {
  past: ViewSpecInput[];
  present: ViewSpecInput;
  future: ViewSpecInput[];
}

export type HistoryAction =
  | { type: 'change'; change: Partial<ViewSpecInput> | ((spec: ViewSpecInput) => ViewSpecInput) }
  | { type: 'open'; spec: ViewSpecInput }
  | { type: 'undo' }
  | { type: 'redo' };

const LIMIT = 100;

export function startHistory(spec: ViewSpecInput): ViewHistory {
  return { past: [], present: spec, future: [] };
}

export function viewHistory(state: ViewHistory, action: HistoryAction): ViewHistory {
  switch (action.type) {
    case 'change': {
      const next =
        typeof action.change === 'function' ? action.change(state.present) : ({ ...state.present, ...action.change } as ViewSpecInput);
      if (JSON.stringify(next) === JSON.stringify(state.present)) return state;
      return { past: [...state.past, state.present].slice(-LIMIT), present: next, future: [] };
    }
    case 'open':
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.spec, future: [] };
    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
  }
}
