/**
 * The outbox's own reasons for not sending, stored in `replies.last_error`. Kept apart from the
 * services that write them so the case page can recognise and translate them without their imports.
 */

/** Said on the case, on the reply that was not sent. */
export const TARGET_DELETED =
  'The customer deleted this post on the network: the reply was not sent. Answer in a newer post of theirs, or close the case.';

/** The same, when an earlier attempt of unknown outcome may have gone out before the post went. */
export const TARGET_DELETED_MAYBE_SENT =
  'The customer deleted this post on the network; an earlier attempt may have been posted before it went. Nothing more is sent.';

/** Before anyone writes, and when a reply is queued: the post answered is gone. */
export const NOTHING_TO_ANSWER = 'The customer deleted this post on the network: there is nothing to answer';
