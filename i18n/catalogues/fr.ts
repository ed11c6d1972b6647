/**
 * French (fr): « vous », the words of French contact centres and PCI DSS material — « enregistrement » for call
 * recording, « mettre en pause / reprendre », « données de carte », « raccourci clavier » — with French typography
 * (no-break space before « : ; ? ! » and inside guillemets). `action.*` are infinitive phrases made to fill this
 * locale's `command.*` sentences (« Impossible de mettre l’enregistrement en pause : … »).
 */

import type { Catalogue } from './en.ts';

export const fr: Catalogue = {
  'app.name': 'GWS Secure Pause',
  'app.demo-tag': 'Démo',
  'app.nav-label': 'Fenêtre',
  'app.settings': 'Paramètres',
  'app.sign-out': 'Se déconnecter',
  'app.loading': 'Chargement…',
  'app.browser-note':
    'Mode navigateur : pas d’icône dans la zone de notification ni de raccourci clavier global ici. Gardez cette page visible pour voir l’état de l’enregistrement.',
  'app.needs-token':
    'Cette page a besoin de l’adresse affichée par « npm run web » (elle se termine par #token=…). Ouvrez plutôt cette adresse.',
  'notices.label': 'Avis',
  'notices.dismiss': 'Fermer',

  'status.recording': 'Enregistrement en cours',
  'status.paused': 'En pause',
  'status.pausing': 'Mise en pause…',
  'status.resuming': 'Reprise…',
  'status.not-recording': 'Pas d’enregistrement',
  'status.no-call': 'Aucun appel',
  'status.unknown': 'Inconnu',
  'status.disconnected': 'Connexion perdue',
  'status.signed-out': 'Déconnecté',
  'status.note.bridge-lost': 'Contact perdu avec l’application : l’état ne peut pas être confirmé.',
  'status.note.disconnected':
    'La connexion au serveur est coupée : le dernier état connu ne peut pas être confirmé.',
  'status.note.stale': 'Le serveur n’a pas confirmé l’état de l’enregistrement récemment ; il a pu changer.',

  'alarm.not-paused': 'PAS EN PAUSE — ne prenez pas les données de carte',
  'alarm.cap-ended': 'PAS EN PAUSE — durée maximale de pause atteinte',

  'banner.bridge-lost':
    'Contact perdu avec l’application. Nouvelle tentative… L’état affiché n’est peut-être plus à jour.',
  'banner.connecting-app': 'Connexion à l’application…',
  'banner.signing-in': 'Connexion en cours…',
  'banner.connected': 'Connexion établie avec {server}.',
  'banner.connected-as': 'Connexion établie avec {server} en tant que {user}.',
  'banner.server-demo': 'le serveur de démonstration',
  'banner.server-unnamed': 'le serveur',
  'banner.reconnecting':
    'Reconnexion au serveur… L’état de l’enregistrement ne peut pas être confirmé avant son retour.',
  'banner.disconnected': 'Déconnecté du serveur. L’état de l’enregistrement ne peut pas être confirmé.',
  'banner.signed-out': 'Déconnecté.',

  'toggle.pause': 'Mettre l’enregistrement en pause',
  'toggle.resume': 'Reprendre l’enregistrement',
  'toggle.reason.not-recording': 'Cet appel n’est pas enregistré : rien à mettre en pause.',
  'toggle.reason.no-call': 'Aucun appel à mettre en pause.',
  'toggle.reason.unknown': 'L’état de l’enregistrement n’est pas confirmé : attendez le serveur.',
  'toggle.reason.disconnected': 'Pas de connexion au serveur.',
  'toggle.reason.signed-out': 'Déconnecté.',

  'workspace.label': 'Espace de travail',
  'workspace.paused-for': 'En pause depuis {duration}. Reprenez dès que les données de carte sont saisies.',
  'workspace.reminder': 'Rappel : l’enregistrement de cet appel est toujours en pause.',
  'workspace.auto-resume': 'L’enregistrement reprend automatiquement dans {duration}.',
  'workspace.keep-paused': 'Rester en pause',
  'workspace.other-paused': 'L’enregistrement d’un autre appel, {caller} ({state}), est toujours en pause.',
  'workspace.other-paused-unconfirmed':
    'L’enregistrement d’un autre appel, {caller} ({state}), était en pause lors de la dernière confirmation du serveur (non confirmé actuellement).',
  'workspace.other-paused-hidden': 'Un autre appel, non affiché ici, est toujours en pause.',
  'workspace.calls': 'Appels',
  'workspace.no-call': 'Aucun appel pour le moment.',
  'workspace.agent-state': 'État de l’agent :',
  'workspace.ready': 'Prêt',
  'workspace.not-ready': 'Pas prêt',

  'agent.state':
    '{state, select, Ready {Prêt} NotReady {Pas prêt} AfterCallWork {Après-appel} LoggedIn {Connecté} LoggedOut {Déconnecté} Busy {Occupé} other {{state}}}',
  'agent.state-unknown': 'inconnu',

  'call.label.direction': 'Sens',
  'call.label.state': 'État',
  'call.label.duration': 'Durée',
  'call.label.recording': 'Enregistrement',
  'call.caller-unknown': 'Appelant inconnu',
  'call.type':
    '{type, select, Inbound {Appel entrant} Outbound {Appel sortant} Internal {Appel interne} Consult {Appel de consultation} other {Appel ({type})}}',
  'call.type-none': 'Appel',
  'call.state':
    '{state, select, Ringing {Sonnerie} Dialing {Numérotation} Established {En communication} Held {En attente} Released {Terminé} other {{state}}}',
  'call.recording.recording': 'enregistrement en cours',
  'call.recording.paused': 'enregistrement en pause',
  'call.recording.stopped': 'pas d’enregistrement',
  'call.recording.starting': 'démarrage de l’enregistrement…',
  'call.recording.pausing': 'mise en pause…',
  'call.recording.resuming': 'reprise…',
  'call.recording.stopping': 'arrêt de l’enregistrement…',
  'call.recording.unknown': 'état de l’enregistrement inconnu',
  'call.recording.stale': 'état de l’enregistrement non confirmé',
  'call.button.answer': 'Répondre',
  'call.button.hold': 'Mettre en attente',
  'call.button.retrieve': 'Reprendre l’appel',
  'call.button.start-recording': 'Démarrer l’enregistrement',
  'call.button.stop-recording': 'Arrêter l’enregistrement',
  'call.button.hangup': 'Raccrocher',

  'action.toggle': 'mettre en pause ou reprendre l’enregistrement',
  'action.pause': 'mettre l’enregistrement en pause',
  'action.resume': 'reprendre l’enregistrement',
  'action.start-recording': 'démarrer l’enregistrement',
  'action.stop-recording': 'arrêter l’enregistrement',
  'action.answer': 'répondre à l’appel',
  'action.hold': 'mettre l’appel en attente',
  'action.retrieve': 'reprendre l’appel en attente',
  'action.hangup': 'raccrocher',
  'action.ready': 'vous passer en « Prêt »',
  'action.not-ready': 'vous passer en « Pas prêt »',
  'action.keep-paused': 'garder l’enregistrement en pause',

  'command.not-connected':
    'Impossible de {action} : pas de connexion au serveur, rien n’a été envoyé. Attendez que le bandeau indique « Connecté ».',
  'command.no-call': 'Impossible de {action} : aucun appel ne s’y prête.',
  'command.not-capable': 'Impossible de {action} : l’appel ne le permet pas pour le moment.',
  'command.pending':
    'Impossible de {action} : le serveur n’a pas encore confirmé la dernière modification. Réessayez dans un instant.',
  'command.invalid-state':
    'Impossible de {action} : ce n’est pas possible dans l’état actuel de l’enregistrement de l’appel.',
  'command.rejected': 'Le serveur a refusé de {action}. Rien n’a changé.',
  'command.outcome-unknown':
    'Pas de réponse du serveur : on ne sait pas s’il a pu {action}. Surveillez l’état ; il change dès que le serveur confirme.',
  'command.closed': 'Impossible de {action} : la connexion a été fermée, rien n’a été envoyé.',
  'command.signed-out': 'Impossible de {action} : vous êtes déconnecté. Connectez-vous d’abord.',
  'command.invalid-input': 'Impossible de {action} : la demande n’était pas valide.',
  'command.bridge-lost': 'Impossible de {action} : contact perdu avec l’application.',

  'signin.heading': 'Connexion à Genesys',
  'signin.server': 'Serveur',
  'signin.username': 'Nom d’utilisateur',
  'signin.password': 'Mot de passe',
  'signin.remember': 'Mémoriser le mot de passe',
  'signin.remember-memory':
    'Conservé en mémoire pour cette session uniquement : ce système n’offre pas de stockage sécurisé.',
  'signin.remember-os': 'Stocké chiffré par le système d’exploitation.',
  'signin.options': 'Options de connexion',
  'signin.transport': 'Transport',
  'signin.ca-file': 'Fichier d’autorité de certification supplémentaire',
  'signin.ca-placeholder': '/chemin/vers/ac-entreprise.pem',
  'signin.ca-note': 'Certificats ajoutés à ceux de confiance ; le serveur est toujours vérifié.',
  'signin.locked-note':
    'Certains paramètres sont gérés par votre service informatique et ne peuvent pas être modifiés.',
  'signin.submit': 'Se connecter',
  'signin.demo': 'Essayer la démo',
  'signin.bridge-lost': 'Contact perdu avec l’application : pas de connexion. Réessayez.',
  'signin.demo-bridge-lost': 'Contact perdu avec l’application : la démo n’a pas démarré. Réessayez.',
  'signin.failure.bad-credentials':
    'Nom d’utilisateur ou mot de passe incorrect : le serveur les a refusés. Vérifiez-les et réessayez.',
  'signin.failure.unreachable':
    'Impossible de joindre le serveur. Vérifiez l’adresse du serveur et votre connexion réseau, puis réessayez.',
  'signin.failure.tls':
    'Le certificat du serveur n’est pas reconnu comme fiable. Demandez à votre service informatique le fichier de l’autorité de certification et choisissez-le comme fichier supplémentaire.',
  'signin.failure.insecure-url':
    'Cette adresse utilise http:// non chiffré vers un autre ordinateur : votre mot de passe serait envoyé en clair. Utilisez une adresse https://.',
  'signin.failure.server-error':
    'Le serveur a répondu, mais pas comme Genesys Web Services. Vérifiez l’adresse du serveur ; si elle est correcte, le serveur a un problème — réessayez plus tard.',
  'signin.failure.config':
    'Un paramètre est inutilisable. Vérifiez l’adresse du serveur et le fichier d’autorité de certification.',
  'signin.failure.config-detail':
    'Un paramètre est inutilisable ({detail}). Vérifiez l’adresse du serveur et le fichier d’autorité de certification.',
  'signin.failure.stopped': 'La connexion a été annulée.',
  'signin.failure.already-started': 'Vous êtes déjà connecté.',
  'signin.failure.invalid-input': 'Renseignez le serveur, le nom d’utilisateur et le mot de passe.',

  'transport.auto': 'Automatique',
  'transport.websocket': 'WebSocket',
  'transport.long-polling': 'Long polling',
  'transport.auto-hint': 'Automatique : WebSocket, sinon long polling.',

  'settings.heading': 'Paramètres',
  'settings.browser-note':
    'Mode navigateur : pas d’icône dans la zone de notification ni de raccourci clavier global. Le raccourci, le lancement à l’ouverture de session et le démarrage masqué concernent l’application de bureau.',
  'settings.locked-note':
    'Les paramètres marqués « géré » sont définis par votre service informatique et ne peuvent pas être modifiés ici.',
  'settings.managed': '{label} (géré)',
  'settings.transport': 'Transport',
  'settings.start-at-login': 'Lancer à l’ouverture de session',
  'settings.start-hidden': 'Démarrer masqué dans la zone de notification',
  'settings.reminder-seconds': 'Me rappeler après (secondes de pause)',
  'settings.auto-resume-seconds': 'Reprendre automatiquement après (secondes de pause, 0 = jamais)',
  'settings.saved': 'Enregistré.',
  'settings.bridge-lost': 'Contact perdu avec l’application : rien n’a été enregistré.',
  'settings.back': 'Retour',
  'settings.hotkey-taken':
    '{hotkey} est déjà utilisé par une autre application. Le raccourci précédent fonctionne toujours.',
  'settings.hotkey-taken-unnamed':
    'Ce raccourci est déjà utilisé par une autre application. Le raccourci précédent fonctionne toujours.',
  'settings.hotkey-invalid':
    '{hotkey} ne peut pas servir de raccourci clavier. Essayez une autre combinaison.',
  'settings.hotkey-invalid-unnamed': 'Ce raccourci ne peut pas être utilisé. Essayez une autre combinaison.',
  'settings.locked': 'Ce paramètre est géré par votre service informatique et ne peut pas être modifié ici.',
  'settings.invalid': 'Cette valeur n’est pas valide. Rien n’a été enregistré.',

  'settings-problem.managed-unreadable': 'Paramètres gérés {path} : lecture impossible ({code}) ; ignorés.',
  'settings-problem.managed-invalid':
    'Paramètres gérés {path} : {keys} non valides ; ces clés sont ignorées.',
  'settings-problem.managed-unknown': 'Paramètres gérés {path} : {keys} inconnus ; ignorés.',
  'settings-problem.file-reset-backup':
    'Le fichier de paramètres {path} était inutilisable ({why}) ; il a été sauvegardé sous {backup} et réinitialisé.',
  'settings-problem.file-reset':
    'Le fichier de paramètres {path} était inutilisable ({why}) ; il n’a pas été sauvegardé et a été réinitialisé.',
  'settings-problem.why-not-object': 'ce n’est pas un objet JSON',
  'settings-problem.why-invalid': '{keys} non valides',
  'settings-problem.save-failed': 'Les paramètres n’ont pas pu être enregistrés ({code}).',
  'settings-problem.invalid': 'Paramètres non valides : {detail}',
  'settings-problem.locked': 'Défini par votre service informatique : {keys}.',

  'hotkey.label': 'Raccourci clavier',
  'hotkey.capturing': 'Appuyez sur les touches…',
  'hotkey.help':
    'Placez-vous dans ce champ et appuyez sur la nouvelle combinaison, par exemple {example}. Échap conserve la combinaison actuelle.',
  'hotkey.help-locked': 'Géré par votre service informatique.',
  'hotkey.problem-taken': '{hotkey} est déjà utilisé par une autre application.',
  'hotkey.problem-invalid': '{hotkey} ne peut pas servir de raccourci clavier.',
  'hotkey.saving': 'Enregistrement de {hotkey}…',
  'hotkey.saved': 'Raccourci défini : {hotkey}.',
  'hotkey.bridge-lost': 'Contact perdu avec l’application : le raccourci n’a pas été modifié.',
  'hotkey.invalid-key': 'Cette touche ne peut pas faire partie d’un raccourci.',
  'hotkey.needs-modifier':
    'Ajoutez Ctrl ou Alt : sans elles, le raccourci se déclencherait pendant la frappe.',

  'tray.tooltip': 'GWS Secure Pause : {status}',
  'tray.tooltip-paused-for': 'GWS Secure Pause : en pause depuis {duration}',
  'tray.tooltip-not-confirmed': 'GWS Secure Pause : {status} (non confirmé)',
  'tray.tooltip-signing-in': 'GWS Secure Pause : connexion en cours…',
  'tray.tooltip-caller': 'Appelant {caller}',
  'tray.tooltip-other-paused':
    '{count, plural, one {Un autre appel est en pause} many {# autres appels sont en pause} other {# autres appels sont en pause}}',
  'tray.tooltip-other-unconfirmed':
    '{count, plural, one {Un autre appel était en pause (non confirmé)} many {# autres appels étaient en pause (non confirmé)} other {# autres appels étaient en pause (non confirmé)}}',
  'tray.menu-with-hotkey': '{label} ({hotkey})',
  'tray.menu-show-window': 'Afficher la fenêtre',
  'tray.menu-sign-out': 'Se déconnecter',
  'tray.menu-quit': 'Quitter',

  'notify.resume-hint-hotkey': 'Appuyez sur {hotkey} pour reprendre.',
  'notify.resume-hint-window': 'Reprenez depuis la fenêtre une fois les données de carte saisies.',
  'notify.recording-paused-title': 'Enregistrement en pause',
  'notify.recording-unknown-title': 'État de l’enregistrement inconnu',
  'notify.recording-unknown-pause':
    'Le serveur n’a pas confirmé la mise en pause. Vérifiez l’enregistrement avant de continuer.',
  'notify.recording-unknown-resume':
    'Le serveur n’a pas confirmé la reprise. Vérifiez l’enregistrement avant de continuer.',
  'notify.command-refused-title':
    '{command, select, pause {Mise en pause refusée} resume {Reprise refusée} other {Pause/reprise refusée}}',
  'notify.command-refused-body': 'Le serveur a refusé : rien n’a changé.',
  'notify.command-no-answer-title':
    '{command, select, pause {Mise en pause : pas de réponse} resume {Reprise : pas de réponse} other {Pause/reprise : pas de réponse}}',
  'notify.command-no-answer-body':
    'Le serveur n’a pas répondu ; l’état de l’enregistrement est en cours de vérification.',
  'notify.command-not-done-title':
    '{command, select, pause {Mise en pause : non effectuée} resume {Reprise : non effectuée} other {Pause/reprise : non effectuée}}',
  'notify.refusal.no-call': 'Aucun appel actif à mettre en pause ou à reprendre.',
  'notify.refusal.not-connected': 'Pas de connexion à GWS : rien n’a été envoyé.',
  'notify.refusal.signed-out': 'Déconnecté : rien n’a été envoyé.',
  'notify.refusal.pending': 'En attente de la confirmation du serveur pour la dernière modification.',
  'notify.refusal.invalid-state':
    'Cet appel n’est pas enregistré (ou son état est inconnu) : rien à mettre en pause ou à reprendre.',
  'notify.refusal.not-capable': 'L’appel ne le permet pas pour le moment.',
  'notify.refusal.closed': 'La session se ferme : rien n’a été envoyé.',
  'notify.refusal.invalid-input': 'La demande n’a pas été comprise.',
  'notify.refusal.other': 'Rien n’a été fait.',
  'notify.hotkey-taken-title': 'Raccourci déjà utilisé',
  'notify.hotkey-taken-body': '{hotkey} est utilisé par une autre application.',
  'notify.hotkey-invalid-title': 'Raccourci non valide',
  'notify.hotkey-invalid-body': '{hotkey} n’est pas un raccourci utilisable.',
  'notify.hotkey-previous-works': '{previous} fonctionne toujours.',
  'notify.hotkey-none-active': 'Aucun raccourci actif : utilisez l’icône de notification ou la fenêtre.',
  'notify.reminder-title': 'Enregistrement toujours en pause',
  'notify.reminder-body': 'L’enregistrement est en pause depuis {duration}.',
  'notify.core-error-title': 'Problème',
  'notify.stream-lost-title': 'Connexion perdue pendant la pause',
  'notify.stream-lost-body':
    'L’enregistrement était en pause quand la connexion à GWS a été coupée. Vérifiez-le avant la fin de la saisie des données de carte.',
  'notify.call-replaced-title': 'L’appel continue, toujours en pause',
  'notify.call-replaced-body':
    'L’appel continue sous un nouvel identifiant ; l’enregistrement est toujours en pause.',
  'notify.call-replaced-body-caller':
    'L’appel avec {caller} continue sous un nouvel identifiant ; l’enregistrement est toujours en pause.',
  'notify.call-ended-title': 'Appel terminé pendant la pause',
  'notify.call-ended-body': 'L’appel s’est terminé pendant que son enregistrement était en pause.',
  'notify.call-ended-body-caller':
    'L’appel avec {caller} s’est terminé pendant que son enregistrement était en pause.',
  'notify.call-transferred-title': 'Appel transféré pendant la pause',
  'notify.call-transferred-body': 'L’appel a été transféré pendant que son enregistrement était en pause.',
  'notify.call-transferred-body-caller':
    'L’appel avec {caller} a été transféré pendant que son enregistrement était en pause.',
  'notify.auto-resume-warning-title': 'L’enregistrement va reprendre',
  'notify.auto-resume-warning-body':
    'L’enregistrement reprend automatiquement dans {duration}. Choisissez « Rester en pause » dans la fenêtre si la saisie des données de carte n’est pas terminée.',
  'notify.auto-resume-failed-title': 'Échec de la reprise automatique',
  'notify.auto-resume-failed-body': 'L’enregistrement est toujours en pause. Reprenez-le maintenant.',
  'notify.auto-resumed-title': 'Enregistrement repris',
  'notify.auto-resumed-body': 'L’enregistrement a été repris automatiquement.',

  'extension.pausing': 'Mise en pause…',
  'extension.paused': 'Enregistrement en pause ✓',
  'extension.no-call': 'Aucun appel en cours',
  'extension.no-app': 'GWS Secure Pause n’est pas lancé — rien n’a été mis en pause',
  'extension.cap-warning': 'Enregistrement en pause ✓ — la pause se termine bientôt (limite de durée)',
  'extension.overlay-label': 'GWS Secure Pause',
};
