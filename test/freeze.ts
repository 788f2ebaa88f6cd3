/**
 * Freezes a value and everything it holds. The test files of a worker share their modules (jest-light-runner), so
 * what tests share is frozen: a test that changed it for the files after it fails where it changes it.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}
