/** Job names, apart from their handlers so enqueuing code does not load the handlers' engines. */
export const VERIFY_SESSION_JOB = 'verify-session' as const;
export const DELIVER_CALLBACK_JOB = 'deliver-callback' as const;
