/**
 * The account rules, apart from the hashing so the browser can import them too: the
 * sign-up form checks them before sending, the API enforces them.
 */
export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases are welcome; past this, hashing would only be work for an attacker to hand us. */
export const MAX_PASSWORD_LENGTH = 200;
export const MAX_NAME_LENGTH = 120;
/** The longest email address an account can have (RFC 5321's path limit less its brackets). */
export const MAX_EMAIL_LENGTH = 254;
