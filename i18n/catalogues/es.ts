/**
 * Spanish (es): neutral Spanish for contact centres in Spain and Latin America, « usted » implied by impersonal
 * forms, the industry's words — « grabación » for call recording, « pausar / reanudar », « datos de la tarjeta »,
 * « atajo de teclado ». `action.*` are infinitive phrases made to fill this locale's `command.*` sentences
 * (« No se pudo pausar la grabación: … »).
 */

import type { Catalogue } from './en.ts';

export const es: Catalogue = {
  'app.name': 'GWS Secure Pause',
  'app.demo-tag': 'Demo',
  'app.nav-label': 'Ventana',
  'app.settings': 'Configuración',
  'app.sign-out': 'Cerrar sesión',
  'app.loading': 'Cargando…',
  'app.browser-note':
    'Modo navegador: aquí no hay icono en la bandeja del sistema ni atajo de teclado global. Mantenga esta página a la vista para ver el estado de la grabación.',
  'app.needs-token':
    'Esta página necesita la dirección que muestra «npm run web» (termina en #token=…). Abra esa dirección.',
  'notices.label': 'Avisos',
  'notices.dismiss': 'Cerrar',

  'status.recording': 'Grabando',
  'status.paused': 'En pausa',
  'status.pausing': 'Pausando…',
  'status.resuming': 'Reanudando…',
  'status.not-recording': 'Sin grabación',
  'status.no-call': 'Sin llamada',
  'status.unknown': 'Desconocido',
  'status.disconnected': 'Desconectado',
  'status.signed-out': 'Sesión cerrada',
  'status.note.bridge-lost': 'Se perdió el contacto con la aplicación: no se puede confirmar el estado.',
  'status.note.disconnected':
    'La conexión con el servidor está caída: no se puede confirmar el último estado conocido.',
  'status.note.stale':
    'El servidor no ha confirmado el estado de la grabación últimamente; puede haber cambiado.',

  'alarm.not-paused': 'NO PAUSADA — no tome datos de tarjeta',
  'alarm.cap-ended': 'NO PAUSADA — se alcanzó el tiempo máximo de pausa',

  'banner.bridge-lost':
    'Se perdió el contacto con la aplicación. Reintentando… Puede que el estado mostrado no esté actualizado.',
  'banner.connecting-app': 'Conectando con la aplicación…',
  'banner.signing-in': 'Iniciando sesión…',
  'banner.connected': 'Conectado a {server}.',
  'banner.connected-as': 'Conectado a {server} como {user}.',
  'banner.server-demo': 'el servidor de demostración',
  'banner.server-unnamed': 'el servidor',
  'banner.reconnecting':
    'Reconectando con el servidor… No se puede confirmar el estado de la grabación hasta que vuelva la conexión.',
  'banner.disconnected': 'Desconectado del servidor. No se puede confirmar el estado de la grabación.',
  'banner.signed-out': 'Sesión cerrada.',

  'toggle.pause': 'Pausar grabación',
  'toggle.resume': 'Reanudar grabación',
  'toggle.reason.not-recording': 'Esta llamada no se está grabando: no hay nada que pausar.',
  'toggle.reason.no-call': 'No hay ninguna llamada que pausar.',
  'toggle.reason.unknown': 'El estado de la grabación no está confirmado: espere al servidor.',
  'toggle.reason.disconnected': 'Sin conexión con el servidor.',
  'toggle.reason.signed-out': 'Sesión cerrada.',

  'workspace.label': 'Área de trabajo',
  'workspace.paused-for':
    'En pausa desde hace {duration}. Reanude cuando termine con los datos de la tarjeta.',
  'workspace.reminder': 'Recordatorio: la grabación de esta llamada sigue en pausa.',
  'workspace.auto-resume': 'La grabación se reanudará automáticamente en {duration}.',
  'workspace.keep-paused': 'Mantener en pausa',
  'workspace.other-paused': 'La grabación de otra llamada, {caller} ({state}), sigue en pausa.',
  'workspace.other-paused-unconfirmed':
    'La grabación de otra llamada, {caller} ({state}), estaba en pausa la última vez que el servidor lo confirmó (ahora sin confirmar).',
  'workspace.other-paused-hidden': 'Otra llamada que no se muestra aquí sigue en pausa.',
  'workspace.calls': 'Llamadas',
  'workspace.no-call': 'No hay llamadas en este momento.',
  'workspace.agent-state': 'Estado del agente:',
  'workspace.ready': 'Disponible',
  'workspace.not-ready': 'No disponible',

  'agent.state':
    '{state, select, Ready {Disponible} NotReady {No disponible} AfterCallWork {Trabajo posterior a la llamada} LoggedIn {Conectado} LoggedOut {Desconectado} Busy {Ocupado} other {{state}}}',
  'agent.state-unknown': 'desconocido',

  'call.label.direction': 'Tipo',
  'call.label.state': 'Estado',
  'call.label.duration': 'Duración',
  'call.label.recording': 'Grabación',
  'call.caller-unknown': 'Llamante desconocido',
  'call.type':
    '{type, select, Inbound {Llamada entrante} Outbound {Llamada saliente} Internal {Llamada interna} Consult {Llamada de consulta} other {Llamada ({type})}}',
  'call.type-none': 'Llamada',
  'call.state':
    '{state, select, Ringing {Sonando} Dialing {Marcando} Established {Conectada} Held {En espera} Released {Finalizada} other {{state}}}',
  'call.recording.recording': 'grabando',
  'call.recording.paused': 'grabación en pausa',
  'call.recording.stopped': 'sin grabación',
  'call.recording.starting': 'iniciando la grabación…',
  'call.recording.pausing': 'pausando…',
  'call.recording.resuming': 'reanudando…',
  'call.recording.stopping': 'deteniendo la grabación…',
  'call.recording.unknown': 'estado de la grabación desconocido',
  'call.recording.stale': 'estado de la grabación sin confirmar',
  'call.button.answer': 'Contestar',
  'call.button.hold': 'Poner en espera',
  'call.button.retrieve': 'Recuperar',
  'call.button.start-recording': 'Iniciar grabación',
  'call.button.stop-recording': 'Detener grabación',
  'call.button.hangup': 'Colgar',

  'action.toggle': 'pausar o reanudar la grabación',
  'action.pause': 'pausar la grabación',
  'action.resume': 'reanudar la grabación',
  'action.start-recording': 'iniciar la grabación',
  'action.stop-recording': 'detener la grabación',
  'action.answer': 'contestar la llamada',
  'action.hold': 'poner la llamada en espera',
  'action.retrieve': 'recuperar la llamada en espera',
  'action.hangup': 'colgar',
  'action.ready': 'ponerle en «Disponible»',
  'action.not-ready': 'ponerle en «No disponible»',
  'action.keep-paused': 'mantener la grabación en pausa',

  'command.not-connected':
    'No se pudo {action}: no hay conexión con el servidor, así que no se envió nada. Espere a que la barra indique «Conectado».',
  'command.no-call': 'No se pudo {action}: no hay ninguna llamada para ello.',
  'command.not-capable': 'No se pudo {action}: la llamada no lo permite en este momento.',
  'command.pending':
    'No se pudo {action}: el servidor aún no ha confirmado el último cambio. Vuelva a intentarlo en un momento.',
  'command.invalid-state':
    'No se pudo {action}: no es posible en el estado de grabación actual de la llamada.',
  'command.rejected': 'El servidor se negó a {action}. No cambió nada.',
  'command.outcome-unknown':
    'Sin respuesta del servidor: no se sabe si llegó a {action}. Observe el estado; cambiará cuando el servidor lo confirme.',
  'command.closed': 'No se pudo {action}: la conexión se cerró y no se envió nada.',
  'command.signed-out': 'No se pudo {action}: su sesión está cerrada. Inicie sesión primero.',
  'command.invalid-input': 'No se pudo {action}: la solicitud no era válida.',
  'command.bridge-lost': 'No se pudo {action}: se perdió el contacto con la aplicación.',

  'signin.heading': 'Iniciar sesión en Genesys',
  'signin.server': 'Servidor',
  'signin.username': 'Usuario',
  'signin.password': 'Contraseña',
  'signin.remember': 'Recordar contraseña',
  'signin.remember-memory':
    'Se guarda en memoria solo durante esta sesión: este sistema no ofrece almacenamiento seguro.',
  'signin.remember-os': 'Guardada y cifrada por el sistema operativo.',
  'signin.options': 'Opciones de conexión',
  'signin.transport': 'Transporte',
  'signin.ca-file': 'Archivo de CA adicional',
  'signin.ca-placeholder': '/ruta/a/ca-empresa.pem',
  'signin.ca-note': 'Certificados que se añaden a los de confianza; el servidor siempre se verifica.',
  'signin.locked-note': 'Algunos ajustes los administra su departamento de TI y no se pueden cambiar.',
  'signin.submit': 'Iniciar sesión',
  'signin.demo': 'Probar la demo',
  'signin.bridge-lost': 'Se perdió el contacto con la aplicación: no se inició sesión. Vuelva a intentarlo.',
  'signin.demo-bridge-lost':
    'Se perdió el contacto con la aplicación: la demo no se inició. Vuelva a intentarlo.',
  'signin.failure.bad-credentials':
    'Usuario o contraseña incorrectos: el servidor los rechazó. Revise ambos y vuelva a intentarlo.',
  'signin.failure.unreachable':
    'No se puede acceder al servidor. Revise la dirección del servidor y su conexión de red y vuelva a intentarlo.',
  'signin.failure.tls':
    'El certificado del servidor no es de confianza. Pida a TI el archivo de la autoridad de certificación (CA) y selecciónelo como archivo de CA adicional.',
  'signin.failure.insecure-url':
    'Esta dirección usa http:// sin cifrar hacia otro equipo, lo que enviaría su contraseña sin cifrar. Use una dirección https://.',
  'signin.failure.server-error':
    'El servidor respondió, pero no como Genesys Web Services. Revise la dirección del servidor; si es correcta, el servidor tiene un problema: vuelva a intentarlo más tarde.',
  'signin.failure.config':
    'Hay un ajuste que no se puede usar. Revise la dirección del servidor y el archivo de CA adicional.',
  'signin.failure.config-detail':
    'Hay un ajuste que no se puede usar ({detail}). Revise la dirección del servidor y el archivo de CA adicional.',
  'signin.failure.stopped': 'Se canceló el inicio de sesión.',
  'signin.failure.already-started': 'Ya ha iniciado sesión.',
  'signin.failure.invalid-input': 'Rellene el servidor, el usuario y la contraseña.',

  'transport.auto': 'Automático',
  'transport.websocket': 'WebSocket',
  'transport.long-polling': 'Long polling',
  'transport.auto-hint': 'Automático: WebSocket; si no, long polling.',

  'settings.heading': 'Configuración',
  'settings.browser-note':
    'Modo navegador: no hay icono en la bandeja del sistema ni atajo de teclado global. El atajo, el inicio con la sesión y el inicio oculto se aplican a la aplicación de escritorio.',
  'settings.locked-note':
    'Los ajustes marcados como «administrado» los define su departamento de TI y no se pueden cambiar aquí.',
  'settings.managed': '{label} (administrado)',
  'settings.transport': 'Transporte',
  'settings.start-at-login': 'Iniciar al iniciar sesión en el equipo',
  'settings.start-hidden': 'Iniciar oculto en la bandeja del sistema',
  'settings.reminder-seconds': 'Recordarme después de (segundos en pausa)',
  'settings.auto-resume-seconds': 'Reanudar automáticamente después de (segundos en pausa, 0 = nunca)',
  'settings.saved': 'Guardado.',
  'settings.bridge-lost': 'Se perdió el contacto con la aplicación: no se guardó nada.',
  'settings.back': 'Volver',
  'settings.hotkey-taken': 'Otra aplicación ya usa {hotkey}. El atajo anterior sigue funcionando.',
  'settings.hotkey-taken-unnamed': 'Otra aplicación ya usa ese atajo. El atajo anterior sigue funcionando.',
  'settings.hotkey-invalid': '{hotkey} no se puede usar como atajo. Pruebe otra combinación.',
  'settings.hotkey-invalid-unnamed': 'Ese atajo no se puede usar. Pruebe otra combinación.',
  'settings.locked': 'Este ajuste lo administra su departamento de TI y no se puede cambiar aquí.',
  'settings.invalid': 'Ese valor no es válido. No se guardó nada.',

  'settings-problem.managed-unreadable':
    'No se pudo leer la configuración administrada {path} ({code}); se ignora.',
  'settings-problem.managed-invalid':
    'Configuración administrada {path}: {keys} no válidos; esas claves se ignoran.',
  'settings-problem.managed-unknown': 'Configuración administrada {path}: {keys} desconocidos; se ignoran.',
  'settings-problem.file-reset-backup':
    'El archivo de configuración {path} no se podía usar ({why}); se hizo una copia en {backup} y se restableció a los valores predeterminados.',
  'settings-problem.file-reset':
    'El archivo de configuración {path} no se podía usar ({why}); no se hizo copia y se restableció a los valores predeterminados.',
  'settings-problem.why-not-object': 'no es un objeto JSON',
  'settings-problem.why-invalid': '{keys} no válidos',
  'settings-problem.save-failed': 'No se pudo guardar la configuración ({code}).',
  'settings-problem.invalid': 'Configuración no válida: {detail}',
  'settings-problem.locked': 'Definido por su departamento de TI: {keys}.',

  'hotkey.label': 'Atajo de teclado',
  'hotkey.capturing': 'Pulse las teclas…',
  'hotkey.help':
    'Sitúese en este campo y pulse la nueva combinación, por ejemplo {example}. Esc conserva la actual.',
  'hotkey.help-locked': 'Lo administra su departamento de TI.',
  'hotkey.problem-taken': 'Otra aplicación ya usa {hotkey}.',
  'hotkey.problem-invalid': '{hotkey} no se puede usar como atajo.',
  'hotkey.saving': 'Guardando {hotkey}…',
  'hotkey.saved': 'Atajo cambiado a {hotkey}.',
  'hotkey.bridge-lost': 'Se perdió el contacto con la aplicación: el atajo no se cambió.',
  'hotkey.invalid-key': 'Esa tecla no puede formar parte de un atajo.',
  'hotkey.needs-modifier': 'Añada Ctrl o Alt: sin ellas, el atajo se activaría mientras escribe.',

  'tray.tooltip': 'GWS Secure Pause: {status}',
  'tray.tooltip-paused-for': 'GWS Secure Pause: en pausa desde hace {duration}',
  'tray.tooltip-not-confirmed': 'GWS Secure Pause: {status} (sin confirmar)',
  'tray.tooltip-signing-in': 'GWS Secure Pause: iniciando sesión…',
  'tray.tooltip-caller': 'Llamante {caller}',
  'tray.tooltip-other-paused':
    '{count, plural, one {Otra llamada está en pausa} many {Otras # llamadas están en pausa} other {Otras # llamadas están en pausa}}',
  'tray.tooltip-other-unconfirmed':
    '{count, plural, one {Otra llamada estaba en pausa (sin confirmar)} many {Otras # llamadas estaban en pausa (sin confirmar)} other {Otras # llamadas estaban en pausa (sin confirmar)}}',
  'tray.menu-with-hotkey': '{label} ({hotkey})',
  'tray.menu-show-window': 'Mostrar ventana',
  'tray.menu-sign-out': 'Cerrar sesión',
  'tray.menu-quit': 'Salir',

  'notify.resume-hint-hotkey': 'Pulse {hotkey} para reanudar.',
  'notify.resume-hint-window': 'Reanúdela desde la ventana cuando termine con los datos de la tarjeta.',
  'notify.recording-paused-title': 'Grabación en pausa',
  'notify.recording-unknown-title': 'Estado de la grabación desconocido',
  'notify.recording-unknown-pause':
    'El servidor no confirmó la pausa. Compruebe la grabación antes de continuar.',
  'notify.recording-unknown-resume':
    'El servidor no confirmó la reanudación. Compruebe la grabación antes de continuar.',
  'notify.command-refused-title':
    '{command, select, pause {Pausa rechazada} resume {Reanudación rechazada} other {Pausa/reanudación rechazada}}',
  'notify.command-refused-body': 'El servidor la rechazó: no cambió nada.',
  'notify.command-no-answer-title':
    '{command, select, pause {Pausa: sin respuesta} resume {Reanudación: sin respuesta} other {Pausa/reanudación: sin respuesta}}',
  'notify.command-no-answer-body': 'El servidor no respondió; se está comprobando el estado de la grabación.',
  'notify.command-not-done-title':
    '{command, select, pause {Pausa: no realizada} resume {Reanudación: no realizada} other {Pausa/reanudación: no realizada}}',
  'notify.refusal.no-call': 'No hay ninguna llamada activa que pausar o reanudar.',
  'notify.refusal.not-connected': 'Sin conexión con GWS: no se envió nada.',
  'notify.refusal.signed-out': 'Sesión cerrada: no se envió nada.',
  'notify.refusal.pending': 'Aún se espera que el servidor confirme el último cambio.',
  'notify.refusal.invalid-state':
    'Esta llamada no se está grabando (o su estado es desconocido): no hay nada que pausar ni reanudar.',
  'notify.refusal.not-capable': 'La llamada no lo permite en este momento.',
  'notify.refusal.closed': 'La sesión se está cerrando: no se envió nada.',
  'notify.refusal.invalid-input': 'No se entendió la solicitud.',
  'notify.refusal.other': 'No se hizo nada.',
  'notify.hotkey-taken-title': 'Atajo ocupado',
  'notify.hotkey-taken-body': 'Otra aplicación usa {hotkey}.',
  'notify.hotkey-invalid-title': 'Atajo no válido',
  'notify.hotkey-invalid-body': '{hotkey} no es un atajo utilizable.',
  'notify.hotkey-previous-works': '{previous} sigue funcionando.',
  'notify.hotkey-none-active': 'No hay ningún atajo activo: use el icono de la bandeja o la ventana.',
  'notify.reminder-title': 'La grabación sigue en pausa',
  'notify.reminder-body': 'La grabación lleva {duration} en pausa.',
  'notify.core-error-title': 'Problema',
  'notify.stream-lost-title': 'Conexión perdida durante la pausa',
  'notify.stream-lost-body':
    'La grabación estaba en pausa cuando se cortó la conexión con GWS. Compruébela antes de terminar con los datos de la tarjeta.',
  'notify.call-replaced-title': 'La llamada continúa, sigue en pausa',
  'notify.call-replaced-body': 'La llamada continúa con un nuevo identificador; la grabación sigue en pausa.',
  'notify.call-replaced-body-caller':
    'La llamada con {caller} continúa con un nuevo identificador; la grabación sigue en pausa.',
  'notify.call-ended-title': 'Llamada finalizada durante la pausa',
  'notify.call-ended-body': 'La llamada finalizó mientras su grabación estaba en pausa.',
  'notify.call-ended-body-caller': 'La llamada con {caller} finalizó mientras su grabación estaba en pausa.',
  'notify.call-transferred-title': 'Llamada transferida durante la pausa',
  'notify.call-transferred-body': 'La llamada se transfirió mientras su grabación estaba en pausa.',
  'notify.call-transferred-body-caller':
    'La llamada con {caller} se transfirió mientras su grabación estaba en pausa.',
  'notify.auto-resume-warning-title': 'La grabación se reanudará pronto',
  'notify.auto-resume-warning-body':
    'La grabación se reanudará automáticamente en {duration}. Elija «Mantener en pausa» en la ventana si no ha terminado con los datos de la tarjeta.',
  'notify.auto-resume-failed-title': 'Falló la reanudación automática',
  'notify.auto-resume-failed-body': 'La grabación sigue en pausa. Reanúdela ahora.',
  'notify.auto-resumed-title': 'Grabación reanudada',
  'notify.auto-resumed-body': 'La grabación se reanudó automáticamente.',

  'extension.pausing': 'Pausando…',
  'extension.paused': 'Grabación en pausa ✓',
  'extension.no-call': 'No hay ninguna llamada en curso',
  'extension.no-app': 'GWS Secure Pause no se está ejecutando: no se pausó nada',
  'extension.cap-warning': 'Grabación en pausa ✓ — la pausa terminará pronto (límite de tiempo)',
  'extension.overlay-label': 'GWS Secure Pause',
};
