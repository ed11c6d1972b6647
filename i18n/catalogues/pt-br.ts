/**
 * Brazilian Portuguese (pt-BR): « você », the words of Brazilian contact centres and PCI material — « gravação »
 * for call recording, « pausar / retomar », « dados do cartão », « atalho de teclado ». `action.*` are infinitive
 * phrases made to fill this locale's `command.*` sentences (« Não foi possível pausar a gravação: … »).
 */

import type { Catalogue } from './en.ts';

export const ptBR: Catalogue = {
  'app.name': 'GWS Secure Pause',
  'app.demo-tag': 'Demonstração',
  'app.nav-label': 'Janela',
  'app.settings': 'Configurações',
  'app.sign-out': 'Sair',
  'app.loading': 'Carregando…',
  'app.browser-note':
    'Modo navegador: aqui não há ícone na bandeja do sistema nem atalho de teclado global. Mantenha esta página visível para acompanhar o status da gravação.',
  'app.needs-token':
    'Esta página precisa do endereço exibido por “npm run web” (ele termina em #token=…). Abra esse endereço.',
  'notices.label': 'Avisos',
  'notices.dismiss': 'Fechar',

  'status.recording': 'Gravando',
  'status.paused': 'Pausada',
  'status.pausing': 'Pausando…',
  'status.resuming': 'Retomando…',
  'status.not-recording': 'Sem gravação',
  'status.no-call': 'Sem chamada',
  'status.unknown': 'Desconhecido',
  'status.disconnected': 'Desconectado',
  'status.signed-out': 'Sessão encerrada',
  'status.note.bridge-lost': 'Contato com o aplicativo perdido: não é possível confirmar o status.',
  'status.note.disconnected':
    'A conexão com o servidor caiu: não é possível confirmar o último estado conhecido.',
  'status.note.stale': 'O servidor não confirmou o estado da gravação recentemente; ele pode ter mudado.',

  'alarm.not-paused': 'NÃO PAUSADA — não colete dados do cartão',
  'alarm.cap-ended': 'NÃO PAUSADA — tempo máximo de pausa atingido',

  'banner.bridge-lost':
    'Contato com o aplicativo perdido. Tentando novamente… O status exibido pode estar desatualizado.',
  'banner.connecting-app': 'Conectando ao aplicativo…',
  'banner.signing-in': 'Entrando…',
  'banner.connected': 'Conectado a {server}.',
  'banner.connected-as': 'Conectado a {server} como {user}.',
  'banner.server-demo': 'o servidor de demonstração',
  'banner.server-unnamed': 'o servidor',
  'banner.reconnecting':
    'Reconectando ao servidor… Não é possível confirmar o status da gravação até a conexão voltar.',
  'banner.disconnected': 'Desconectado do servidor. Não é possível confirmar o status da gravação.',
  'banner.signed-out': 'Sessão encerrada.',

  'toggle.pause': 'Pausar gravação',
  'toggle.resume': 'Retomar gravação',
  'toggle.reason.not-recording': 'Esta chamada não está sendo gravada: não há o que pausar.',
  'toggle.reason.no-call': 'Nenhuma chamada para pausar.',
  'toggle.reason.unknown': 'O estado da gravação não está confirmado: aguarde o servidor.',
  'toggle.reason.disconnected': 'Sem conexão com o servidor.',
  'toggle.reason.signed-out': 'Sessão encerrada.',

  'workspace.label': 'Área de trabalho',
  'workspace.paused-for': 'Pausada há {duration}. Retome quando terminar os dados do cartão.',
  'workspace.reminder': 'Lembrete: a gravação desta chamada ainda está pausada.',
  'workspace.auto-resume': 'A gravação será retomada automaticamente em {duration}.',
  'workspace.keep-paused': 'Manter pausada',
  'workspace.other-paused': 'A gravação de outra chamada, {caller} ({state}), ainda está pausada.',
  'workspace.other-paused-unconfirmed':
    'A gravação de outra chamada, {caller} ({state}), estava pausada na última confirmação do servidor (não confirmado agora).',
  'workspace.other-paused-hidden': 'Outra chamada que não aparece aqui ainda está pausada.',
  'workspace.calls': 'Chamadas',
  'workspace.no-call': 'Nenhuma chamada no momento.',
  'workspace.agent-state': 'Status do agente:',
  'workspace.ready': 'Disponível',
  'workspace.not-ready': 'Indisponível',

  'agent.state':
    '{state, select, Ready {Disponível} NotReady {Indisponível} AfterCallWork {Pós-atendimento} LoggedIn {Conectado} LoggedOut {Desconectado} Busy {Ocupado} other {{state}}}',
  'agent.state-unknown': 'desconhecido',

  'call.label.direction': 'Tipo',
  'call.label.state': 'Estado',
  'call.label.duration': 'Duração',
  'call.label.recording': 'Gravação',
  'call.caller-unknown': 'Chamador desconhecido',
  'call.type':
    '{type, select, Inbound {Chamada recebida} Outbound {Chamada realizada} Internal {Chamada interna} Consult {Chamada de consulta} other {Chamada ({type})}}',
  'call.type-none': 'Chamada',
  'call.state':
    '{state, select, Ringing {Tocando} Dialing {Discando} Established {Em andamento} Held {Em espera} Released {Encerrada} other {{state}}}',
  'call.recording.recording': 'gravando',
  'call.recording.paused': 'gravação pausada',
  'call.recording.stopped': 'sem gravação',
  'call.recording.starting': 'iniciando a gravação…',
  'call.recording.pausing': 'pausando…',
  'call.recording.resuming': 'retomando…',
  'call.recording.stopping': 'parando a gravação…',
  'call.recording.unknown': 'estado da gravação desconhecido',
  'call.recording.stale': 'estado da gravação não confirmado',
  'call.button.answer': 'Atender',
  'call.button.hold': 'Colocar em espera',
  'call.button.retrieve': 'Retomar chamada',
  'call.button.start-recording': 'Iniciar gravação',
  'call.button.stop-recording': 'Parar gravação',
  'call.button.hangup': 'Desligar',

  'action.toggle': 'pausar ou retomar a gravação',
  'action.pause': 'pausar a gravação',
  'action.resume': 'retomar a gravação',
  'action.start-recording': 'iniciar a gravação',
  'action.stop-recording': 'parar a gravação',
  'action.answer': 'atender a chamada',
  'action.hold': 'colocar a chamada em espera',
  'action.retrieve': 'tirar a chamada da espera',
  'action.hangup': 'desligar',
  'action.ready': 'mudar você para “Disponível”',
  'action.not-ready': 'mudar você para “Indisponível”',
  'action.keep-paused': 'manter a gravação pausada',

  'command.not-connected':
    'Não foi possível {action}: sem conexão com o servidor, então nada foi enviado. Aguarde até a faixa mostrar “Conectado”.',
  'command.no-call': 'Não foi possível {action}: não há chamada para isso.',
  'command.not-capable': 'Não foi possível {action}: a chamada não permite isso agora.',
  'command.pending':
    'Não foi possível {action}: o servidor ainda não confirmou a última alteração. Tente de novo em instantes.',
  'command.invalid-state':
    'Não foi possível {action}: não é possível no estado atual da gravação da chamada.',
  'command.rejected': 'O servidor se recusou a {action}. Nada mudou.',
  'command.outcome-unknown':
    'Sem resposta do servidor: não se sabe se foi possível {action}. Acompanhe o status; ele muda quando o servidor confirmar.',
  'command.closed': 'Não foi possível {action}: a conexão foi encerrada e nada foi enviado.',
  'command.signed-out': 'Não foi possível {action}: sua sessão está encerrada. Entre primeiro.',
  'command.invalid-input': 'Não foi possível {action}: a solicitação não era válida.',
  'command.bridge-lost': 'Não foi possível {action}: contato com o aplicativo perdido.',

  'signin.heading': 'Entrar no Genesys',
  'signin.server': 'Servidor',
  'signin.username': 'Nome de usuário',
  'signin.password': 'Senha',
  'signin.remember': 'Lembrar senha',
  'signin.remember-memory':
    'Mantida na memória apenas nesta execução: este sistema não oferece armazenamento seguro.',
  'signin.remember-os': 'Armazenada com criptografia pelo sistema operacional.',
  'signin.options': 'Opções de conexão',
  'signin.transport': 'Transporte',
  'signin.ca-file': 'Arquivo de CA adicional',
  'signin.ca-placeholder': '/caminho/para/ca-empresa.pem',
  'signin.ca-note': 'Certificados adicionados aos confiáveis; o servidor é sempre verificado.',
  'signin.locked-note':
    'Algumas configurações são gerenciadas pelo seu departamento de TI e não podem ser alteradas.',
  'signin.submit': 'Entrar',
  'signin.demo': 'Experimentar a demonstração',
  'signin.bridge-lost': 'Contato com o aplicativo perdido: você não entrou. Tente de novo.',
  'signin.demo-bridge-lost':
    'Contato com o aplicativo perdido: a demonstração não foi iniciada. Tente de novo.',
  'signin.failure.bad-credentials':
    'Nome de usuário ou senha incorretos: o servidor os recusou. Verifique os dois e tente de novo.',
  'signin.failure.unreachable':
    'Não foi possível acessar o servidor. Verifique o endereço do servidor e sua conexão de rede e tente de novo.',
  'signin.failure.tls':
    'O certificado do servidor não é confiável. Peça à TI o arquivo da autoridade certificadora (CA) e escolha-o como arquivo de CA adicional.',
  'signin.failure.insecure-url':
    'Este endereço usa http:// sem criptografia para outro computador, o que enviaria sua senha sem criptografia. Use um endereço https://.',
  'signin.failure.server-error':
    'O servidor respondeu, mas não como o Genesys Web Services. Verifique o endereço do servidor; se estiver certo, o servidor está com problemas — tente de novo mais tarde.',
  'signin.failure.config':
    'Uma configuração não pode ser usada. Verifique o endereço do servidor e o arquivo de CA adicional.',
  'signin.failure.config-detail':
    'Uma configuração não pode ser usada ({detail}). Verifique o endereço do servidor e o arquivo de CA adicional.',
  'signin.failure.stopped': 'A entrada foi cancelada.',
  'signin.failure.already-started': 'Você já entrou.',
  'signin.failure.invalid-input': 'Preencha o servidor, o nome de usuário e a senha.',

  'transport.auto': 'Automático',
  'transport.websocket': 'WebSocket',
  'transport.long-polling': 'Long polling',
  'transport.auto-hint': 'Automático: WebSocket; se não houver, long polling.',

  'settings.heading': 'Configurações',
  'settings.browser-note':
    'Modo navegador: não há ícone na bandeja do sistema nem atalho de teclado global. O atalho, iniciar com o sistema e iniciar oculto valem para o aplicativo de desktop.',
  'settings.locked-note':
    'As configurações marcadas como “gerenciada” são definidas pelo seu departamento de TI e não podem ser alteradas aqui.',
  'settings.managed': '{label} (gerenciada)',
  'settings.transport': 'Transporte',
  'settings.start-at-login': 'Iniciar com o sistema',
  'settings.start-hidden': 'Iniciar oculto na bandeja do sistema',
  'settings.reminder-seconds': 'Lembrar após (segundos em pausa)',
  'settings.auto-resume-seconds': 'Retomar automaticamente após (segundos em pausa, 0 = nunca)',
  'settings.saved': 'Salvo.',
  'settings.bridge-lost': 'Contato com o aplicativo perdido: nada foi salvo.',
  'settings.back': 'Voltar',
  'settings.hotkey-taken':
    '{hotkey} já está sendo usado por outro aplicativo. O atalho anterior continua funcionando.',
  'settings.hotkey-taken-unnamed':
    'Esse atalho já está sendo usado por outro aplicativo. O atalho anterior continua funcionando.',
  'settings.hotkey-invalid': '{hotkey} não pode ser usado como atalho. Tente outra combinação.',
  'settings.hotkey-invalid-unnamed': 'Esse atalho não pode ser usado. Tente outra combinação.',
  'settings.locked':
    'Esta configuração é gerenciada pelo seu departamento de TI e não pode ser alterada aqui.',
  'settings.invalid': 'Esse valor não é válido. Nada foi salvo.',

  'settings-problem.managed-unreadable':
    'Não foi possível ler as configurações gerenciadas {path} ({code}); ignoradas.',
  'settings-problem.managed-invalid':
    'Configurações gerenciadas {path}: {keys} inválidas; essas chaves são ignoradas.',
  'settings-problem.managed-unknown': 'Configurações gerenciadas {path}: {keys} desconhecidas; ignoradas.',
  'settings-problem.file-reset-backup':
    'O arquivo de configurações {path} estava inutilizável ({why}); foi copiado para {backup} e redefinido para o padrão.',
  'settings-problem.file-reset':
    'O arquivo de configurações {path} estava inutilizável ({why}); não foi copiado e foi redefinido para o padrão.',
  'settings-problem.why-not-object': 'não é um objeto JSON',
  'settings-problem.why-invalid': '{keys} inválidas',
  'settings-problem.save-failed': 'Não foi possível salvar as configurações ({code}).',
  'settings-problem.invalid': 'Configurações inválidas: {detail}',
  'settings-problem.locked': 'Definido pelo seu departamento de TI: {keys}.',

  'hotkey.label': 'Atalho de teclado',
  'hotkey.capturing': 'Pressione as teclas…',
  'hotkey.help':
    'Selecione este campo e pressione a nova combinação, por exemplo {example}. Esc mantém a atual.',
  'hotkey.help-locked': 'Gerenciado pelo seu departamento de TI.',
  'hotkey.problem-taken': '{hotkey} já está sendo usado por outro aplicativo.',
  'hotkey.problem-invalid': '{hotkey} não pode ser usado como atalho.',
  'hotkey.saving': 'Salvando {hotkey}…',
  'hotkey.saved': 'Atalho definido como {hotkey}.',
  'hotkey.bridge-lost': 'Contato com o aplicativo perdido: o atalho não foi alterado.',
  'hotkey.invalid-key': 'Essa tecla não pode fazer parte de um atalho.',
  'hotkey.needs-modifier': 'Inclua Ctrl ou Alt: sem elas, o atalho seria acionado enquanto você digita.',

  'tray.tooltip': 'GWS Secure Pause: {status}',
  'tray.tooltip-paused-for': 'GWS Secure Pause: pausada há {duration}',
  'tray.tooltip-not-confirmed': 'GWS Secure Pause: {status} (não confirmado)',
  'tray.tooltip-signing-in': 'GWS Secure Pause: entrando…',
  'tray.tooltip-caller': 'Chamador {caller}',
  'tray.tooltip-other-paused':
    '{count, plural, one {Outra chamada está pausada} many {Outras # chamadas estão pausadas} other {Outras # chamadas estão pausadas}}',
  'tray.tooltip-other-unconfirmed':
    '{count, plural, one {Outra chamada estava pausada (não confirmado)} many {Outras # chamadas estavam pausadas (não confirmado)} other {Outras # chamadas estavam pausadas (não confirmado)}}',
  'tray.menu-with-hotkey': '{label} ({hotkey})',
  'tray.menu-show-window': 'Mostrar janela',
  'tray.menu-sign-out': 'Sair',
  'tray.menu-quit': 'Encerrar',

  'notify.resume-hint-hotkey': 'Pressione {hotkey} para retomar.',
  'notify.resume-hint-window': 'Retome pela janela quando terminar os dados do cartão.',
  'notify.recording-paused-title': 'Gravação pausada',
  'notify.recording-unknown-title': 'Estado da gravação desconhecido',
  'notify.recording-unknown-pause':
    'O servidor não confirmou a pausa. Verifique a gravação antes de continuar.',
  'notify.recording-unknown-resume':
    'O servidor não confirmou a retomada. Verifique a gravação antes de continuar.',
  'notify.command-refused-title':
    '{command, select, pause {Pausa recusada} resume {Retomada recusada} other {Pausa/retomada recusada}}',
  'notify.command-refused-body': 'O servidor recusou: nada mudou.',
  'notify.command-no-answer-title':
    '{command, select, pause {Pausa: sem resposta} resume {Retomada: sem resposta} other {Pausa/retomada: sem resposta}}',
  'notify.command-no-answer-body': 'O servidor não respondeu; o estado da gravação está sendo verificado.',
  'notify.command-not-done-title':
    '{command, select, pause {Pausa: não realizada} resume {Retomada: não realizada} other {Pausa/retomada: não realizada}}',
  'notify.refusal.no-call': 'Não há chamada ativa para pausar ou retomar.',
  'notify.refusal.not-connected': 'Sem conexão com o GWS: nada foi enviado.',
  'notify.refusal.signed-out': 'Sessão encerrada: nada foi enviado.',
  'notify.refusal.pending': 'Ainda aguardando o servidor confirmar a última alteração.',
  'notify.refusal.invalid-state':
    'Esta chamada não está sendo gravada (ou o estado é desconhecido): não há o que pausar ou retomar.',
  'notify.refusal.not-capable': 'A chamada não permite isso agora.',
  'notify.refusal.closed': 'A sessão está sendo encerrada: nada foi enviado.',
  'notify.refusal.invalid-input': 'A solicitação não foi entendida.',
  'notify.refusal.other': 'Nada foi feito.',
  'notify.hotkey-taken-title': 'Atalho em uso',
  'notify.hotkey-taken-body': '{hotkey} está sendo usado por outro aplicativo.',
  'notify.hotkey-invalid-title': 'Atalho inválido',
  'notify.hotkey-invalid-body': '{hotkey} não é um atalho utilizável.',
  'notify.hotkey-previous-works': '{previous} continua funcionando.',
  'notify.hotkey-none-active': 'Nenhum atalho ativo: use o ícone da bandeja ou a janela.',
  'notify.reminder-title': 'Gravação ainda pausada',
  'notify.reminder-body': 'A gravação está pausada há {duration}.',
  'notify.core-error-title': 'Problema',
  'notify.stream-lost-title': 'Conexão perdida durante a pausa',
  'notify.stream-lost-body':
    'A gravação estava pausada quando a conexão com o GWS caiu. Verifique-a antes de terminar os dados do cartão.',
  'notify.call-replaced-title': 'A chamada continua, ainda pausada',
  'notify.call-replaced-body': 'A chamada continua com um novo identificador; a gravação ainda está pausada.',
  'notify.call-replaced-body-caller':
    'A chamada com {caller} continua com um novo identificador; a gravação ainda está pausada.',
  'notify.call-ended-title': 'Chamada encerrada durante a pausa',
  'notify.call-ended-body': 'A chamada foi encerrada enquanto a gravação estava pausada.',
  'notify.call-ended-body-caller': 'A chamada com {caller} foi encerrada enquanto a gravação estava pausada.',
  'notify.call-transferred-title': 'Chamada transferida durante a pausa',
  'notify.call-transferred-body': 'A chamada foi transferida enquanto a gravação estava pausada.',
  'notify.call-transferred-body-caller':
    'A chamada com {caller} foi transferida enquanto a gravação estava pausada.',
  'notify.auto-resume-warning-title': 'A gravação será retomada em breve',
  'notify.auto-resume-warning-body':
    'A gravação será retomada automaticamente em {duration}. Escolha “Manter pausada” na janela se ainda não terminou os dados do cartão.',
  'notify.auto-resume-failed-title': 'Falha na retomada automática',
  'notify.auto-resume-failed-body': 'A gravação ainda está pausada. Retome-a agora.',
  'notify.auto-resumed-title': 'Gravação retomada',
  'notify.auto-resumed-body': 'A gravação foi retomada automaticamente.',

  'extension.pausing': 'Pausando…',
  'extension.paused': 'Gravação pausada ✓',
  'extension.no-call': 'Nenhuma chamada ativa',
  'extension.no-app': 'O GWS Secure Pause não está em execução — nada foi pausado',
  'extension.cap-warning': 'Gravação pausada ✓ — a pausa termina em breve (limite de tempo)',
  'extension.overlay-label': 'GWS Secure Pause',
};
