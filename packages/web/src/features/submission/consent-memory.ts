/**
 * Remembers, on this device, which consent version the patient accepted, so the consent step is skipped
 * next time. The server stays the authority: it refuses a submission without the current consent
 * (CONSENT_REQUIRED) and the review step then shows the consent again. Only a version string is stored.
 */
const key = (userId: string) => `dermis.consent.${userId}`;

export function rememberConsent(userId: string, version: string): void {
  try {
    window.localStorage.setItem(key(userId), version);
  } catch {
    // Storage refused (private browsing): the consent step will simply show again.
  }
}

export function forgetConsent(userId: string): void {
  try {
    window.localStorage.removeItem(key(userId));
  } catch {
    // Nothing to forget.
  }
}

export function hasAcceptedConsent(userId: string, version: string): boolean {
  try {
    return window.localStorage.getItem(key(userId)) === version;
  } catch {
    return false;
  }
}
