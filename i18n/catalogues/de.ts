/**
 * German (de): formal „Sie“, the contact-centre words German agents know from Genesys and PCI training —
 * „Aufzeichnung“ for call recording, „Kartendaten“, „Tastenkombination“. `action.*` are nominal phrases made to fill
 * this locale's `command.*` sentences („Pausieren der Aufzeichnung war nicht möglich“).
 */

import type { Catalogue } from './en.ts';

export const de: Catalogue = {
  'app.name': 'GWS Secure Pause',
  'app.demo-tag': 'Demo',
  'app.nav-label': 'Fenster',
  'app.settings': 'Einstellungen',
  'app.sign-out': 'Abmelden',
  'app.loading': 'Wird geladen…',
  'app.browser-note':
    'Browsermodus: Hier gibt es kein Tray-Symbol und keine globale Tastenkombination. Lassen Sie diese Seite sichtbar, um den Aufzeichnungsstatus zu sehen.',
  'app.needs-token':
    'Diese Seite braucht die Adresse, die „npm run web“ ausgibt (sie endet auf #token=…). Öffnen Sie stattdessen diese Adresse.',
  'notices.label': 'Hinweise',
  'notices.dismiss': 'Schließen',

  'status.recording': 'Aufzeichnung läuft',
  'status.paused': 'Pausiert',
  'status.pausing': 'Wird pausiert…',
  'status.resuming': 'Wird fortgesetzt…',
  'status.not-recording': 'Keine Aufzeichnung',
  'status.no-call': 'Kein Anruf',
  'status.unknown': 'Unbekannt',
  'status.disconnected': 'Getrennt',
  'status.signed-out': 'Abgemeldet',
  'status.note.bridge-lost': 'Keine Verbindung zur App: Der Status kann nicht bestätigt werden.',
  'status.note.disconnected':
    'Die Verbindung zum Server ist unterbrochen: Der zuletzt bekannte Zustand kann nicht bestätigt werden.',
  'status.note.stale':
    'Der Server hat den Aufzeichnungsstatus länger nicht bestätigt; er kann sich geändert haben.',

  'alarm.not-paused': 'NICHT PAUSIERT – keine Kartendaten aufnehmen',
  'alarm.cap-ended': 'NICHT PAUSIERT – maximale Pausendauer erreicht',

  'banner.bridge-lost':
    'Keine Verbindung zur App. Neuer Versuch läuft… Der angezeigte Status ist möglicherweise veraltet.',
  'banner.connecting-app': 'Verbindung zur App wird hergestellt…',
  'banner.signing-in': 'Anmeldung läuft…',
  'banner.connected': 'Verbunden mit {server}.',
  'banner.connected-as': 'Verbunden mit {server} als {user}.',
  'banner.server-demo': 'dem Demo-Server',
  'banner.server-unnamed': 'dem Server',
  'banner.reconnecting':
    'Verbindung zum Server wird wiederhergestellt… Bis dahin kann der Aufzeichnungsstatus nicht bestätigt werden.',
  'banner.disconnected': 'Vom Server getrennt. Der Aufzeichnungsstatus kann nicht bestätigt werden.',
  'banner.signed-out': 'Abgemeldet.',

  'toggle.pause': 'Aufzeichnung pausieren',
  'toggle.resume': 'Aufzeichnung fortsetzen',
  'toggle.reason.not-recording': 'Dieser Anruf wird nicht aufgezeichnet: Es gibt nichts zu pausieren.',
  'toggle.reason.no-call': 'Kein Anruf zum Pausieren.',
  'toggle.reason.unknown': 'Der Aufzeichnungsstatus ist nicht bestätigt: Warten Sie auf den Server.',
  'toggle.reason.disconnected': 'Keine Verbindung zum Server.',
  'toggle.reason.signed-out': 'Abgemeldet.',

  'workspace.label': 'Arbeitsbereich',
  'workspace.paused-for':
    'Seit {duration} pausiert. Setzen Sie die Aufzeichnung fort, sobald die Kartendaten erfasst sind.',
  'workspace.reminder': 'Erinnerung: Die Aufzeichnung dieses Anrufs ist noch pausiert.',
  'workspace.auto-resume': 'Die Aufzeichnung wird in {duration} automatisch fortgesetzt.',
  'workspace.keep-paused': 'Pausiert lassen',
  'workspace.other-paused': 'Die Aufzeichnung eines anderen Anrufs, {caller} ({state}), ist noch pausiert.',
  'workspace.other-paused-unconfirmed':
    'Die Aufzeichnung eines anderen Anrufs, {caller} ({state}), war bei der letzten Bestätigung durch den Server pausiert (derzeit nicht bestätigt).',
  'workspace.other-paused-hidden': 'Ein weiterer, hier nicht angezeigter Anruf ist noch pausiert.',
  'workspace.calls': 'Anrufe',
  'workspace.no-call': 'Zurzeit kein Anruf.',
  'workspace.agent-state': 'Agentenstatus:',
  'workspace.ready': 'Bereit',
  'workspace.not-ready': 'Nicht bereit',

  'agent.state':
    '{state, select, Ready {Bereit} NotReady {Nicht bereit} AfterCallWork {Nachbearbeitung} LoggedIn {Angemeldet} LoggedOut {Abgemeldet} Busy {Beschäftigt} other {{state}}}',
  'agent.state-unknown': 'unbekannt',

  'call.label.direction': 'Richtung',
  'call.label.state': 'Status',
  'call.label.duration': 'Dauer',
  'call.label.recording': 'Aufzeichnung',
  'call.caller-unknown': 'Unbekannter Anrufer',
  'call.type':
    '{type, select, Inbound {Eingehender Anruf} Outbound {Ausgehender Anruf} Internal {Interner Anruf} Consult {Rückfrage} other {Anruf ({type})}}',
  'call.type-none': 'Anruf',
  'call.state':
    '{state, select, Ringing {Klingelt} Dialing {Wählt} Established {Verbunden} Held {Gehalten} Released {Beendet} other {{state}}}',
  'call.recording.recording': 'wird aufgezeichnet',
  'call.recording.paused': 'Aufzeichnung pausiert',
  'call.recording.stopped': 'keine Aufzeichnung',
  'call.recording.starting': 'Aufzeichnung wird gestartet…',
  'call.recording.pausing': 'wird pausiert…',
  'call.recording.resuming': 'wird fortgesetzt…',
  'call.recording.stopping': 'Aufzeichnung wird beendet…',
  'call.recording.unknown': 'Aufzeichnungsstatus unbekannt',
  'call.recording.stale': 'Aufzeichnungsstatus nicht bestätigt',
  'call.button.answer': 'Annehmen',
  'call.button.hold': 'Halten',
  'call.button.retrieve': 'Zurückholen',
  'call.button.start-recording': 'Aufzeichnung starten',
  'call.button.stop-recording': 'Aufzeichnung beenden',
  'call.button.hangup': 'Auflegen',

  'action.toggle': 'Pausieren oder Fortsetzen der Aufzeichnung',
  'action.pause': 'Pausieren der Aufzeichnung',
  'action.resume': 'Fortsetzen der Aufzeichnung',
  'action.start-recording': 'Starten der Aufzeichnung',
  'action.stop-recording': 'Beenden der Aufzeichnung',
  'action.answer': 'Annehmen des Anrufs',
  'action.hold': 'Halten des Anrufs',
  'action.retrieve': 'Zurückholen des Anrufs',
  'action.hangup': 'Auflegen',
  'action.ready': 'Wechsel auf „Bereit“',
  'action.not-ready': 'Wechsel auf „Nicht bereit“',
  'action.keep-paused': 'Weiterpausieren der Aufzeichnung',

  'command.not-connected':
    '{action} war nicht möglich: keine Verbindung zum Server, es wurde nichts gesendet. Warten Sie, bis die Leiste „Verbunden“ anzeigt.',
  'command.no-call': '{action} war nicht möglich: Dafür gibt es keinen Anruf.',
  'command.not-capable': '{action} war nicht möglich: Der Anruf lässt das gerade nicht zu.',
  'command.pending':
    '{action} war nicht möglich: Der Server hat die letzte Änderung noch nicht bestätigt. Versuchen Sie es gleich noch einmal.',
  'command.invalid-state':
    '{action} war nicht möglich: Im aktuellen Aufzeichnungsstatus des Anrufs geht das nicht.',
  'command.rejected': 'Vom Server abgelehnt: {action}. Es wurde nichts geändert.',
  'command.outcome-unknown':
    'Keine Antwort vom Server ({action}): Ob die Aktion ausgeführt wurde, ist unklar. Achten Sie auf den Status; er ändert sich, sobald der Server bestätigt.',
  'command.closed': '{action} war nicht möglich: Die Verbindung wurde geschlossen, es wurde nichts gesendet.',
  'command.signed-out': '{action} war nicht möglich: Sie sind abgemeldet. Melden Sie sich zuerst an.',
  'command.invalid-input': '{action} war nicht möglich: Die Anfrage war ungültig.',
  'command.bridge-lost': '{action} war nicht möglich: keine Verbindung zur App.',

  'signin.heading': 'Bei Genesys anmelden',
  'signin.server': 'Server',
  'signin.username': 'Benutzername',
  'signin.password': 'Passwort',
  'signin.remember': 'Passwort speichern',
  'signin.remember-memory':
    'Nur für diese Sitzung im Arbeitsspeicher: Dieses System bietet keinen sicheren Speicher.',
  'signin.remember-os': 'Vom Betriebssystem verschlüsselt gespeichert.',
  'signin.options': 'Verbindungsoptionen',
  'signin.transport': 'Übertragung',
  'signin.ca-file': 'Zusätzliche CA-Datei',
  'signin.ca-placeholder': '/pfad/zu/firmen-ca.pem',
  'signin.ca-note':
    'Zertifikate, die den vertrauenswürdigen hinzugefügt werden; der Server wird immer geprüft.',
  'signin.locked-note':
    'Einige Einstellungen werden von Ihrer IT verwaltet und können nicht geändert werden.',
  'signin.submit': 'Anmelden',
  'signin.demo': 'Demo ausprobieren',
  'signin.bridge-lost': 'Keine Verbindung zur App: nicht angemeldet. Versuchen Sie es erneut.',
  'signin.demo-bridge-lost':
    'Keine Verbindung zur App: Die Demo wurde nicht gestartet. Versuchen Sie es erneut.',
  'signin.failure.bad-credentials':
    'Falscher Benutzername oder falsches Passwort: Der Server hat die Anmeldung abgelehnt. Prüfen Sie beides und versuchen Sie es erneut.',
  'signin.failure.unreachable':
    'Der Server ist nicht erreichbar. Prüfen Sie die Serveradresse und Ihre Netzwerkverbindung und versuchen Sie es dann erneut.',
  'signin.failure.tls':
    'Dem Zertifikat des Servers wird nicht vertraut. Fragen Sie Ihre IT nach der Datei der Zertifizierungsstelle (CA) und wählen Sie sie als zusätzliche CA-Datei.',
  'signin.failure.insecure-url':
    'Diese Adresse verwendet unverschlüsseltes http:// zu einem anderen Computer; Ihr Passwort würde unverschlüsselt gesendet. Verwenden Sie eine https://-Adresse.',
  'signin.failure.server-error':
    'Der Server hat geantwortet, aber nicht wie Genesys Web Services. Prüfen Sie die Serveradresse; ist sie richtig, hat der Server ein Problem – versuchen Sie es später erneut.',
  'signin.failure.config':
    'Eine Einstellung ist nicht verwendbar. Prüfen Sie die Serveradresse und die zusätzliche CA-Datei.',
  'signin.failure.config-detail':
    'Eine Einstellung ist nicht verwendbar ({detail}). Prüfen Sie die Serveradresse und die zusätzliche CA-Datei.',
  'signin.failure.stopped': 'Die Anmeldung wurde abgebrochen.',
  'signin.failure.already-started': 'Sie sind bereits angemeldet.',
  'signin.failure.invalid-input': 'Geben Sie Server, Benutzername und Passwort ein.',

  'transport.auto': 'Automatisch',
  'transport.websocket': 'WebSocket',
  'transport.long-polling': 'Long-Polling',
  'transport.auto-hint': 'Automatisch: WebSocket, sonst Long-Polling.',

  'settings.heading': 'Einstellungen',
  'settings.browser-note':
    'Browsermodus: Es gibt kein Tray-Symbol und keine globale Tastenkombination. Tastenkombination, Start bei der Anmeldung und Start im Hintergrund gelten für die Desktop-App.',
  'settings.locked-note':
    'Als „verwaltet“ markierte Einstellungen legt Ihre IT fest; sie können hier nicht geändert werden.',
  'settings.managed': '{label} (verwaltet)',
  'settings.transport': 'Übertragung',
  'settings.start-at-login': 'Bei der Anmeldung am Computer starten',
  'settings.start-hidden': 'Im Infobereich (Tray) starten',
  'settings.reminder-seconds': 'Erinnern nach (Sekunden in Pause)',
  'settings.auto-resume-seconds': 'Automatisch fortsetzen nach (Sekunden in Pause, 0 = nie)',
  'settings.saved': 'Gespeichert.',
  'settings.bridge-lost': 'Keine Verbindung zur App: Es wurde nichts gespeichert.',
  'settings.back': 'Zurück',
  'settings.hotkey-taken':
    '{hotkey} wird von einer anderen Anwendung verwendet. Die bisherige Tastenkombination gilt weiter.',
  'settings.hotkey-taken-unnamed':
    'Diese Tastenkombination wird von einer anderen Anwendung verwendet. Die bisherige gilt weiter.',
  'settings.hotkey-invalid':
    '{hotkey} kann nicht als Tastenkombination verwendet werden. Probieren Sie eine andere.',
  'settings.hotkey-invalid-unnamed':
    'Diese Tastenkombination kann nicht verwendet werden. Probieren Sie eine andere.',
  'settings.locked': 'Diese Einstellung wird von Ihrer IT verwaltet und kann hier nicht geändert werden.',
  'settings.invalid': 'Dieser Wert ist ungültig. Es wurde nichts gespeichert.',

  'settings-problem.managed-unreadable':
    'Verwaltete Einstellungen {path} konnten nicht gelesen werden ({code}); sie werden ignoriert.',
  'settings-problem.managed-invalid':
    'Verwaltete Einstellungen {path}: ungültig {keys}; diese Schlüssel werden ignoriert.',
  'settings-problem.managed-unknown': 'Verwaltete Einstellungen {path}: unbekannt {keys}; ignoriert.',
  'settings-problem.file-reset-backup':
    'Die Einstellungsdatei {path} war unbrauchbar ({why}); sie wurde nach {backup} gesichert und auf die Standardwerte zurückgesetzt.',
  'settings-problem.file-reset':
    'Die Einstellungsdatei {path} war unbrauchbar ({why}); sie wurde nicht gesichert und auf die Standardwerte zurückgesetzt.',
  'settings-problem.why-not-object': 'kein JSON-Objekt',
  'settings-problem.why-invalid': 'ungültig: {keys}',
  'settings-problem.save-failed': 'Die Einstellungen konnten nicht gespeichert werden ({code}).',
  'settings-problem.invalid': 'Ungültige Einstellungen: {detail}',
  'settings-problem.locked': 'Von Ihrer IT festgelegt: {keys}.',

  'hotkey.label': 'Tastenkombination',
  'hotkey.capturing': 'Tasten drücken…',
  'hotkey.help':
    'Wechseln Sie in dieses Feld und drücken Sie die neue Kombination, zum Beispiel {example}. Mit Esc bleibt die aktuelle erhalten.',
  'hotkey.help-locked': 'Wird von Ihrer IT verwaltet.',
  'hotkey.problem-taken': '{hotkey} wird von einer anderen Anwendung verwendet.',
  'hotkey.problem-invalid': '{hotkey} kann nicht als Tastenkombination verwendet werden.',
  'hotkey.saving': '{hotkey} wird gespeichert…',
  'hotkey.saved': 'Tastenkombination auf {hotkey} gesetzt.',
  'hotkey.bridge-lost': 'Keine Verbindung zur App: Die Tastenkombination wurde nicht geändert.',
  'hotkey.invalid-key': 'Diese Taste kann nicht Teil einer Tastenkombination sein.',
  'hotkey.needs-modifier':
    'Nehmen Sie Strg oder Alt hinzu: Ohne sie würde die Kombination beim Tippen auslösen.',

  'tray.tooltip': 'GWS Secure Pause: {status}',
  'tray.tooltip-paused-for': 'GWS Secure Pause: seit {duration} pausiert',
  'tray.tooltip-not-confirmed': 'GWS Secure Pause: {status} (nicht bestätigt)',
  'tray.tooltip-signing-in': 'GWS Secure Pause: Anmeldung läuft…',
  'tray.tooltip-caller': 'Anrufer {caller}',
  'tray.tooltip-other-paused':
    '{count, plural, one {Ein weiterer Anruf ist pausiert} other {# weitere Anrufe sind pausiert}}',
  'tray.tooltip-other-unconfirmed':
    '{count, plural, one {Ein weiterer Anruf war pausiert (nicht bestätigt)} other {# weitere Anrufe waren pausiert (nicht bestätigt)}}',
  'tray.menu-with-hotkey': '{label} ({hotkey})',
  'tray.menu-show-window': 'Fenster anzeigen',
  'tray.menu-sign-out': 'Abmelden',
  'tray.menu-quit': 'Beenden',

  'notify.resume-hint-hotkey': 'Drücken Sie {hotkey}, um fortzusetzen.',
  'notify.resume-hint-window': 'Setzen Sie im Fenster fort, sobald die Kartendaten erfasst sind.',
  'notify.recording-paused-title': 'Aufzeichnung pausiert',
  'notify.recording-unknown-title': 'Aufzeichnungsstatus unbekannt',
  'notify.recording-unknown-pause':
    'Der Server hat die Pause nicht bestätigt. Prüfen Sie die Aufzeichnung, bevor Sie weitermachen.',
  'notify.recording-unknown-resume':
    'Der Server hat das Fortsetzen nicht bestätigt. Prüfen Sie die Aufzeichnung, bevor Sie weitermachen.',
  'notify.command-refused-title':
    '{command, select, pause {Pause abgelehnt} resume {Fortsetzen abgelehnt} other {Pause/Fortsetzen abgelehnt}}',
  'notify.command-refused-body': 'Der Server hat abgelehnt: Es wurde nichts geändert.',
  'notify.command-no-answer-title':
    '{command, select, pause {Pause: keine Antwort} resume {Fortsetzen: keine Antwort} other {Pause/Fortsetzen: keine Antwort}}',
  'notify.command-no-answer-body': 'Der Server hat nicht geantwortet; der Aufzeichnungsstatus wird geprüft.',
  'notify.command-not-done-title':
    '{command, select, pause {Pause: nicht ausgeführt} resume {Fortsetzen: nicht ausgeführt} other {Pause/Fortsetzen: nicht ausgeführt}}',
  'notify.refusal.no-call': 'Es gibt keinen aktiven Anruf zum Pausieren oder Fortsetzen.',
  'notify.refusal.not-connected': 'Keine Verbindung zu GWS: Es wurde nichts gesendet.',
  'notify.refusal.signed-out': 'Abgemeldet: Es wurde nichts gesendet.',
  'notify.refusal.pending': 'Die letzte Änderung wartet noch auf die Bestätigung des Servers.',
  'notify.refusal.invalid-state':
    'Dieser Anruf wird nicht aufgezeichnet (oder sein Status ist unbekannt): Es gibt nichts zu pausieren oder fortzusetzen.',
  'notify.refusal.not-capable': 'Der Anruf lässt das gerade nicht zu.',
  'notify.refusal.closed': 'Die Sitzung wird beendet: Es wurde nichts gesendet.',
  'notify.refusal.invalid-input': 'Die Anfrage wurde nicht verstanden.',
  'notify.refusal.other': 'Es wurde nichts ausgeführt.',
  'notify.hotkey-taken-title': 'Tastenkombination belegt',
  'notify.hotkey-taken-body': '{hotkey} wird von einer anderen Anwendung verwendet.',
  'notify.hotkey-invalid-title': 'Tastenkombination ungültig',
  'notify.hotkey-invalid-body': '{hotkey} ist keine verwendbare Tastenkombination.',
  'notify.hotkey-previous-works': '{previous} funktioniert weiterhin.',
  'notify.hotkey-none-active':
    'Keine Tastenkombination aktiv: Verwenden Sie das Tray-Symbol oder das Fenster.',
  'notify.reminder-title': 'Aufzeichnung noch pausiert',
  'notify.reminder-body': 'Die Aufzeichnung ist seit {duration} pausiert.',
  'notify.core-error-title': 'Problem',
  'notify.stream-lost-title': 'Verbindung in der Pause verloren',
  'notify.stream-lost-body':
    'Die Aufzeichnung war pausiert, als die Verbindung zu GWS abbrach. Prüfen Sie sie, bevor die Kartendatenerfassung endet.',
  'notify.call-replaced-title': 'Anruf geht weiter, weiterhin pausiert',
  'notify.call-replaced-body':
    'Der Anruf läuft unter einer neuen ID weiter; die Aufzeichnung ist weiterhin pausiert.',
  'notify.call-replaced-body-caller':
    'Der Anruf mit {caller} läuft unter einer neuen ID weiter; die Aufzeichnung ist weiterhin pausiert.',
  'notify.call-ended-title': 'Anruf in der Pause beendet',
  'notify.call-ended-body': 'Der Anruf wurde beendet, während seine Aufzeichnung pausiert war.',
  'notify.call-ended-body-caller':
    'Der Anruf mit {caller} wurde beendet, während seine Aufzeichnung pausiert war.',
  'notify.call-transferred-title': 'Anruf in der Pause weitergeleitet',
  'notify.call-transferred-body': 'Der Anruf wurde weitergeleitet, während seine Aufzeichnung pausiert war.',
  'notify.call-transferred-body-caller':
    'Der Anruf mit {caller} wurde weitergeleitet, während seine Aufzeichnung pausiert war.',
  'notify.auto-resume-warning-title': 'Aufzeichnung wird gleich fortgesetzt',
  'notify.auto-resume-warning-body':
    'Die Aufzeichnung wird in {duration} automatisch fortgesetzt. Wählen Sie im Fenster „Pausiert lassen“, wenn die Kartendaten noch nicht erfasst sind.',
  'notify.auto-resume-failed-title': 'Automatisches Fortsetzen fehlgeschlagen',
  'notify.auto-resume-failed-body': 'Die Aufzeichnung ist noch pausiert. Setzen Sie sie jetzt fort.',
  'notify.auto-resumed-title': 'Aufzeichnung fortgesetzt',
  'notify.auto-resumed-body': 'Die Aufzeichnung wurde automatisch fortgesetzt.',

  'extension.pausing': 'Wird pausiert…',
  'extension.paused': 'Aufzeichnung pausiert ✓',
  'extension.no-call': 'Kein aktiver Anruf',
  'extension.no-app': 'GWS Secure Pause läuft nicht – es wurde nichts pausiert',
  'extension.cap-warning': 'Aufzeichnung pausiert ✓ – die Pause endet bald (Zeitlimit)',
  'extension.overlay-label': 'GWS Secure Pause',
};
