/**
 * The receipt promises an answer "within N business days". Business days are Monday to Friday in UTC;
 * public holidays are not counted out (they differ per practice and jurisdiction), so the date is a
 * commitment the practice can meet, not a clinical deadline.
 */
export function addBusinessDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
}

/** The date (YYYY-MM-DD) by which a case submitted at `submittedAt` should be answered. */
export function expectedResponseDate(submittedAt: Date, businessDays: number): string {
  return addBusinessDays(submittedAt, businessDays).toISOString().slice(0, 10);
}
