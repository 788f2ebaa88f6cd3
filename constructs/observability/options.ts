/** An e-mail address SNS can deliver to: the alarm topic and the config schema check subscriptions with it. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
