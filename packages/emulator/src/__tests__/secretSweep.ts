/**
 * Every place where one of `secrets` appears in what a suite `produced` (responses, headers,
 * error messages, stacks, console lines...). Empty secrets are ignored; an empty list is clean.
 */
export function findLeaks(
  produced: readonly string[],
  secrets: Iterable<string>,
): { secret: string; text: string }[] {
  const needles = [...secrets].filter((secret) => secret.length > 0);
  return produced.flatMap((text) =>
    needles.filter((secret) => text.includes(secret)).map((secret) => ({ secret, text })),
  );
}
