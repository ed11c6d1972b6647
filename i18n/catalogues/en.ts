/**
 * The English catalogue: the source of truth for every string a person sees — the window, the tray tooltip and
 * menu, the desktop notifications, the NOT PAUSED alarm, the settings errors and the browser extension's overlay.
 * Every other locale must have exactly these keys with the same ICU arguments (tests check it), so a string added
 * here and forgotten elsewhere fails a test instead of reaching an agent in English.
 *
 * Messages are ICU MessageFormat (plurals, selects). Keep ASCII apostrophes out of them (ICU reads `'` as a
 * quote): use the typographic ’. `status.*` are the accessibility contract's words (the window's one
 * `role="status"` region holds exactly one of them); `action.*` are phrases made to fill the `command.*`
 * sentences of the same language, so each locale words them to fit its own sentences.
 */

export const en = {
  'app.name': 'GWS Secure Pause',
  'app.demo-tag': 'Demo',
  'app.nav-label': 'Window',
  'app.settings': 'Settings',
  'app.sign-out': 'Sign out',
  'app.loading': 'Loading…',
  'app.browser-note':
    'Browser mode: there is no tray icon and no global hotkey here. Keep this page in sight to see the recording status.',
  'app.needs-token':
    'This page needs the address printed by “npm run web” (it ends with #token=…). Open that address instead.',
  'notices.label': 'Notices',
  'notices.dismiss': 'Dismiss',

  'status.recording': 'Recording',
  'status.paused': 'Paused',
  'status.pausing': 'Pausing…',
  'status.resuming': 'Resuming…',
  'status.not-recording': 'Not recording',
  'status.no-call': 'No call',
  'status.unknown': 'Unknown',
  'status.disconnected': 'Disconnected',
  'status.signed-out': 'Signed out',
  'status.note.bridge-lost': 'Lost contact with the app: the status cannot be confirmed.',
  'status.note.disconnected':
    'The connection to the server is down: the last known state cannot be confirmed.',
  'status.note.stale': 'The server has not confirmed the recording state lately; it may have changed.',

  'alarm.not-paused': 'NOT PAUSED — do not take card details',
  'alarm.cap-ended': 'NOT PAUSED — pause time limit reached',

  'banner.bridge-lost': 'Lost contact with the app. Trying again… The status shown may be out of date.',
  'banner.connecting-app': 'Connecting to the app…',
  'banner.signing-in': 'Signing in…',
  'banner.connected': 'Connected to {server}.',
  'banner.connected-as': 'Connected to {server} as {user}.',
  'banner.server-demo': 'the demo server',
  'banner.server-unnamed': 'the server',
  'banner.reconnecting':
    'Reconnecting to the server… The recording status cannot be confirmed until it is back.',
  'banner.disconnected': 'Disconnected from the server. The recording status cannot be confirmed.',
  'banner.signed-out': 'Signed out.',

  'toggle.pause': 'Pause recording',
  'toggle.resume': 'Resume recording',
  'toggle.reason.not-recording': 'Recording is off on this call: nothing to pause.',
  'toggle.reason.no-call': 'No call to pause.',
  'toggle.reason.unknown': 'The recording state is not confirmed: wait for the server.',
  'toggle.reason.disconnected': 'Not connected to the server.',
  'toggle.reason.signed-out': 'Signed out.',

  'workspace.label': 'Workspace',
  'workspace.paused-for': 'Paused for {duration}. Resume when the card details are done.',
  'workspace.reminder': 'Reminder: the recording of this call is still paused.',
  'workspace.auto-resume': 'Recording resumes automatically in {duration}.',
  'workspace.keep-paused': 'Keep paused',
  'workspace.other-paused': 'The recording of another call, {caller} ({state}), is still paused.',
  'workspace.other-paused-unconfirmed':
    'The recording of another call, {caller} ({state}), was paused when the server last confirmed it (not confirmed now).',
  'workspace.other-paused-hidden': 'Another call not shown here is still paused.',
  'workspace.calls': 'Calls',
  'workspace.no-call': 'No call right now.',
  'workspace.agent-state': 'Agent state:',
  'workspace.ready': 'Ready',
  'workspace.not-ready': 'Not ready',

  'agent.state':
    '{state, select, Ready {Ready} NotReady {Not ready} AfterCallWork {After call work} LoggedIn {Logged in} LoggedOut {Logged out} Busy {Busy} other {{state}}}',
  'agent.state-unknown': 'not known',

  'call.label.direction': 'Direction',
  'call.label.state': 'State',
  'call.label.duration': 'Duration',
  'call.label.recording': 'Recording',
  'call.caller-unknown': 'Unknown caller',
  'call.type':
    '{type, select, Inbound {Inbound call} Outbound {Outbound call} Internal {Internal call} Consult {Consultation call} other {Call ({type})}}',
  'call.type-none': 'Call',
  'call.state':
    '{state, select, Ringing {Ringing} Dialing {Dialing} Established {Established} Held {Held} Released {Released} other {{state}}}',
  'call.recording.recording': 'recording',
  'call.recording.paused': 'recording paused',
  'call.recording.stopped': 'not recording',
  'call.recording.starting': 'starting recording…',
  'call.recording.pausing': 'pausing…',
  'call.recording.resuming': 'resuming…',
  'call.recording.stopping': 'stopping recording…',
  'call.recording.unknown': 'recording state unknown',
  'call.recording.stale': 'recording state not confirmed',
  'call.button.answer': 'Answer',
  'call.button.hold': 'Hold',
  'call.button.retrieve': 'Retrieve',
  'call.button.start-recording': 'Start recording',
  'call.button.stop-recording': 'Stop recording',
  'call.button.hangup': 'Hang up',

  'action.toggle': 'pause or resume the recording',
  'action.pause': 'pause the recording',
  'action.resume': 'resume the recording',
  'action.start-recording': 'start recording',
  'action.stop-recording': 'stop recording',
  'action.answer': 'answer the call',
  'action.hold': 'put the call on hold',
  'action.retrieve': 'take the call off hold',
  'action.hangup': 'hang up',
  'action.ready': 'set you Ready',
  'action.not-ready': 'set you Not ready',
  'action.keep-paused': 'keep the recording paused',

  'command.not-connected':
    'Could not {action}: not connected to the server, so nothing was sent. Wait until the banner says connected.',
  'command.no-call': 'Could not {action}: there is no call for that.',
  'command.not-capable': 'Could not {action}: the call does not allow it right now.',
  'command.pending':
    'Could not {action}: the server has not confirmed the last change yet. Try again in a moment.',
  'command.invalid-state': 'Could not {action}: not possible in the call’s current recording state.',
  'command.rejected': 'The server refused to {action}. Nothing changed.',
  'command.outcome-unknown':
    'No answer from the server: it is not known whether it did {action}. Watch the status; it changes when the server confirms.',
  'command.closed': 'Could not {action}: the connection was closed, nothing was sent.',
  'command.signed-out': 'Could not {action}: you are signed out. Sign in first.',
  'command.invalid-input': 'Could not {action}: the request was not valid.',
  'command.bridge-lost': 'Could not {action}: lost contact with the app.',

  'signin.heading': 'Sign in to Genesys',
  'signin.server': 'Server',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.remember': 'Remember password',
  'signin.remember-memory': 'Kept in memory for this run only: this system offers no secure storage.',
  'signin.remember-os': 'Stored encrypted by the operating system.',
  'signin.options': 'Connection options',
  'signin.transport': 'Transport',
  'signin.ca-file': 'Extra CA file',
  'signin.ca-placeholder': '/path/to/company-ca.pem',
  'signin.ca-note': 'Certificates added to the trusted ones; the server is always verified.',
  'signin.locked-note': 'Some settings are managed by your IT department and cannot be changed.',
  'signin.submit': 'Sign in',
  'signin.demo': 'Try the demo',
  'signin.bridge-lost': 'Lost contact with the app: not signed in. Try again.',
  'signin.demo-bridge-lost': 'Lost contact with the app: the demo did not start. Try again.',
  'signin.failure.bad-credentials':
    'Wrong user name or password: the server refused them. Check both and try again.',
  'signin.failure.unreachable':
    'Cannot reach the server. Check the server address and your network connection, then try again.',
  'signin.failure.tls':
    'The server’s certificate is not trusted. Ask IT for the certificate authority file and choose it as the extra CA file.',
  'signin.failure.insecure-url':
    'This address uses plain http:// to another computer, which would send your password unencrypted. Use an https:// address.',
  'signin.failure.server-error':
    'The server answered, but not like Genesys Web Services. Check the server address; if it is right, the server has a problem — try again later.',
  'signin.failure.config': 'A setting cannot be used. Check the server address and the extra CA file.',
  'signin.failure.config-detail':
    'A setting cannot be used ({detail}). Check the server address and the extra CA file.',
  'signin.failure.stopped': 'Sign-in was cancelled.',
  'signin.failure.already-started': 'You are already signed in.',
  'signin.failure.invalid-input': 'Fill in the server, the user name and the password.',

  'transport.auto': 'Automatic',
  'transport.websocket': 'WebSocket',
  'transport.long-polling': 'Long-polling',
  'transport.auto-hint': 'Automatic: WebSocket, else long-polling.',

  'settings.heading': 'Settings',
  'settings.browser-note':
    'Browser mode: there is no tray icon and no global hotkey. The hotkey, start at login and start hidden apply to the desktop app.',
  'settings.locked-note':
    'Settings marked “managed” are set by your IT department and cannot be changed here.',
  'settings.managed': '{label} (managed)',
  'settings.transport': 'Transport',
  'settings.start-at-login': 'Start at login',
  'settings.start-hidden': 'Start hidden in the tray',
  'settings.reminder-seconds': 'Remind me after (seconds paused)',
  'settings.auto-resume-seconds': 'Resume automatically after (seconds paused, 0 = never)',
  'settings.saved': 'Saved.',
  'settings.bridge-lost': 'Lost contact with the app: nothing was saved.',
  'settings.back': 'Back',
  'settings.hotkey-taken': '{hotkey} is taken by another application. The previous hotkey still works.',
  'settings.hotkey-taken-unnamed':
    'That hotkey is taken by another application. The previous hotkey still works.',
  'settings.hotkey-invalid': '{hotkey} cannot be used as a hotkey. Try another combination.',
  'settings.hotkey-invalid-unnamed': 'That hotkey cannot be used as a hotkey. Try another combination.',
  'settings.locked': 'This setting is managed by your IT department and cannot be changed here.',
  'settings.invalid': 'That value is not valid. Nothing was saved.',

  'settings-problem.managed-unreadable': 'Managed settings {path} could not be read ({code}); ignored.',
  'settings-problem.managed-invalid': 'Managed settings {path}: invalid {keys}; those keys are ignored.',
  'settings-problem.managed-unknown': 'Managed settings {path}: unknown {keys}; ignored.',
  'settings-problem.file-reset-backup':
    'The settings file {path} was unusable ({why}); backed up to {backup}, and reset to defaults.',
  'settings-problem.file-reset':
    'The settings file {path} was unusable ({why}); not backed up, and reset to defaults.',
  'settings-problem.why-not-object': 'it is not a JSON object',
  'settings-problem.why-invalid': 'invalid {keys}',
  'settings-problem.save-failed': 'The settings could not be saved ({code}).',
  'settings-problem.invalid': 'Invalid settings: {detail}',
  'settings-problem.locked': 'Set by your IT department: {keys}.',

  'hotkey.label': 'Hotkey',
  'hotkey.capturing': 'Press the keys…',
  'hotkey.help':
    'Focus this field and press the new combination, for example {example}. Escape keeps the current one.',
  'hotkey.help-locked': 'Managed by your IT department.',
  'hotkey.problem-taken': '{hotkey} is taken by another application.',
  'hotkey.problem-invalid': '{hotkey} cannot be used as a hotkey.',
  'hotkey.saving': 'Saving {hotkey}…',
  'hotkey.saved': 'Hotkey set to {hotkey}.',
  'hotkey.bridge-lost': 'Lost contact with the app: the hotkey was not changed.',
  'hotkey.invalid-key': 'That key cannot be part of a hotkey.',
  'hotkey.needs-modifier': 'Add Ctrl or Alt: a hotkey without them would fire while you type.',

  'tray.tooltip': 'GWS Secure Pause: {status}',
  'tray.tooltip-paused-for': 'GWS Secure Pause: Paused for {duration}',
  'tray.tooltip-not-confirmed': 'GWS Secure Pause: {status} (not confirmed)',
  'tray.tooltip-signing-in': 'GWS Secure Pause: Signing in…',
  'tray.tooltip-caller': 'Caller {caller}',
  'tray.tooltip-other-paused':
    '{count, plural, one {Another call is paused} other {# other calls are paused}}',
  'tray.tooltip-other-unconfirmed':
    '{count, plural, one {Another call was paused (not confirmed)} other {# other calls were paused (not confirmed)}}',
  'tray.menu-with-hotkey': '{label} ({hotkey})',
  'tray.menu-show-window': 'Show window',
  'tray.menu-sign-out': 'Sign out',
  'tray.menu-quit': 'Quit',

  'notify.resume-hint-hotkey': 'Press {hotkey} to resume.',
  'notify.resume-hint-window': 'Resume it from the window when the card data is done.',
  'notify.recording-paused-title': 'Recording paused',
  'notify.recording-unknown-title': 'Recording state unknown',
  'notify.recording-unknown-pause':
    'The server did not confirm the pause. Check the recording before continuing.',
  'notify.recording-unknown-resume':
    'The server did not confirm the resume. Check the recording before continuing.',
  'notify.command-refused-title':
    '{command, select, pause {Pause refused} resume {Resume refused} other {Pause/resume refused}}',
  'notify.command-refused-body': 'The server refused it: nothing changed.',
  'notify.command-no-answer-title':
    '{command, select, pause {Pause: no answer} resume {Resume: no answer} other {Pause/resume: no answer}}',
  'notify.command-no-answer-body': 'The server did not answer; the recording state is being checked.',
  'notify.command-not-done-title':
    '{command, select, pause {Pause: not done} resume {Resume: not done} other {Pause/resume: not done}}',
  'notify.refusal.no-call': 'There is no active call to pause or resume.',
  'notify.refusal.not-connected': 'Not connected to GWS: nothing was sent.',
  'notify.refusal.signed-out': 'Signed out: nothing was sent.',
  'notify.refusal.pending': 'Still waiting for the server to confirm the last change.',
  'notify.refusal.invalid-state':
    'Recording is not on for this call (or its state is unknown): nothing to pause or resume.',
  'notify.refusal.not-capable': 'The call does not allow that now.',
  'notify.refusal.closed': 'The session is closing: nothing was sent.',
  'notify.refusal.invalid-input': 'That request was not understood.',
  'notify.refusal.other': 'Nothing was done.',
  'notify.hotkey-taken-title': 'Hotkey taken',
  'notify.hotkey-taken-body': '{hotkey} is used by another application.',
  'notify.hotkey-invalid-title': 'Hotkey not valid',
  'notify.hotkey-invalid-body': '{hotkey} is not a usable shortcut.',
  'notify.hotkey-previous-works': '{previous} still works.',
  'notify.hotkey-none-active': 'No hotkey is active: use the tray or the window.',
  'notify.reminder-title': 'Recording still paused',
  'notify.reminder-body': 'Recording has been paused for {duration}.',
  'notify.core-error-title': 'Problem',
  'notify.stream-lost-title': 'Connection lost while paused',
  'notify.stream-lost-body':
    'Recording was paused when the connection to GWS dropped. Check it before the card data ends.',
  'notify.call-replaced-title': 'Call continues, still paused',
  'notify.call-replaced-body': 'The call continues under a new id; recording is still paused.',
  'notify.call-replaced-body-caller':
    'The call with {caller} continues under a new id; recording is still paused.',
  'notify.call-ended-title': 'Call ended while paused',
  'notify.call-ended-body': 'The call ended while its recording was paused.',
  'notify.call-ended-body-caller': 'The call with {caller} ended while its recording was paused.',
  'notify.call-transferred-title': 'Call transferred while paused',
  'notify.call-transferred-body': 'The call was transferred while its recording was paused.',
  'notify.call-transferred-body-caller':
    'The call with {caller} was transferred while its recording was paused.',
  'notify.auto-resume-warning-title': 'Recording resumes soon',
  'notify.auto-resume-warning-body':
    'Recording resumes automatically in {duration}. Choose “Keep paused” in the window if the card data is not done.',
  'notify.auto-resume-failed-title': 'Automatic resume failed',
  'notify.auto-resume-failed-body': 'Recording is still paused. Resume it now.',
  'notify.auto-resumed-title': 'Recording resumed',
  'notify.auto-resumed-body': 'Recording was resumed automatically.',

  'extension.pausing': 'Pausing…',
  'extension.paused': 'Recording paused ✓',
  'extension.no-call': 'No live call',
  'extension.no-app': 'GWS Secure Pause is not running — nothing was paused',
  'extension.cap-warning': 'Recording paused ✓ — the pause ends soon (time limit)',
  'extension.overlay-label': 'GWS Secure Pause',
} as const;

/** A key of the catalogue; every other locale has exactly these. */
export type MessageKey = keyof typeof en;

/** A complete catalogue of one locale (the compiler refuses a missing or an extra key). */
export type Catalogue = Readonly<Record<MessageKey, string>>;
