/**
 * The password rule, apart from the hashing so the browser can import it too: the
 * sign-up form checks it before sending, the API enforces it.
 */
export const MIN_PASSWORD_LENGTH = 10;
