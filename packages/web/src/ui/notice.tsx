import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info';

/** A message box. Errors are alerts (announced at once); other tones are polite status messages. */
export function Notice({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`notice notice-${tone}`}>
      {children}
    </div>
  );
}
