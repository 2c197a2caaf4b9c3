/**
 * How long a press waits for Azure before answering anyway. Teams drops a dialog that is not
 * answered within a few seconds ("unable to reach app"), and nobody at 3 a.m. should stare at
 * a spinner: slower work goes on, and its outcome shows in the thread instead.
 */
export const ANSWER_WITHIN_MS = 2_500;

/** `work`'s result if it settles within `ms`, else undefined (the work goes on). */
export async function inTime<T>(work: Promise<T>, ms = ANSWER_WITHIN_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
