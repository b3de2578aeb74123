/**
 * @sociale-kaart/portal: the aanbiedersportaal (pages), the write API for systems
 * (/v1/providers), the demo mailbox, and the CLIs sociale-kaart-portal and sociale-kaart-admin.
 */
export { startPortal, main, type StartPortalOptions, type RunningPortal } from './server.js';
export { createPortalApp, type PortalAppDeps } from './app.js';
export { ActivityService, RecordInvalidError, dateInNetherlands } from './service.js';
export { Publisher, type PublisherOptions } from './publisher.js';
export { documentsOfRecord, sourceOf, pathToPointer, KEY_PATTERN, type FieldError } from './records.js';
export { readUpload, uploadKind, type UploadKind, type UploadBody } from './uploads.js';
export { FeedScheduler, checkFeedUrl, FEED_FORMATS, type PullResult } from './feeds.js';
export { DEFAULT_FRESHNESS, freshnessState, daysBefore, ageInDays, type Freshness, type FreshnessState } from './freshness.js';
export { startMailbox, type Mailbox, type CaughtMail } from './mailbox.js';
export { createMailer, type Mailer } from './mail.js';
export { runAdmin, adminMain } from './admin.js';
export { seedDemoOrganisations, type DemoOrganisation } from './demo.js';
export { feedOrganisations, type FeedOrganisation } from './feed-organisations.js';
