import type { AdminMessageKey } from './messages-admin-en';

/** Les pages de connexions de l'admin et la pré-vérification des réponses, en français. */
export const adminFr: Record<AdminMessageKey, string> = {
  'nav.connections': 'Connexions',

  'done.account_connected':
    'Le compte est connecté. Son état s’affiche ci-dessous après la première collecte ou réponse.',
  'done.account_limits_read':
    'Le compte est connecté et la limite de caractères par message de son instance est lue (ci-dessous).',
  'done.account_limits_unread':
    'Le compte est connecté, mais son instance n’a pas donné sa limite de caractères par message : 500 sont supposés jusqu’à une nouvelle lecture (ci-dessous).',
  'done.limits_read': 'La limite de caractères par message de l’instance est relue.',
  'done.limits_unread':
    'L’instance n’a pas donné sa limite de caractères par message ; ce qui était connu reste en vigueur.',
  'done.listener_created': 'L’écoute est ajoutée : sa première collecte a lieu dans la minute.',
  'done.channel_added':
    'Le canal est ajouté et un message de test est en route : son état s’affiche ci-dessous.',

  'age.seconds': '{n} s',

  'kind.mention': 'Mentions',
  'kind.keyword': 'Mots-clés',
  'kind.hashtag': 'Hashtag',

  'channelKind.slack': 'Slack',
  'channelKind.teams': 'Microsoft Teams',
  'channelKind.webhook': 'Webhook (JSON signé)',
  'channelKind.email': 'E-mail',

  'audience.admins': 'Admins',
  'audience.experts': 'Experts',
  'audience.marketing': 'Marketing',
  'audience.advisors': 'Conseillers',

  'admin.title': 'Connexions',
  'admin.intro':
    'Les comptes de la marque sur chaque réseau, ce que Passerelle écoute, et où il prévient les équipes.',
  'admin.brokenOne': '1 connexion ne fonctionne pas',
  'admin.broken': '{n} connexions ne fonctionnent pas',
  'admin.brokenHelp': 'Rien n’arrive d’une connexion en panne. Réparez-la ou remplacez-la :',
  'admin.brokenAccount': 'compte {network} {handle}',
  'admin.brokenListener': 'écoute {network} « {query} »',
  'admin.brokenChannel': 'canal de notification « {name} »',
  'admin.allWorking': 'Toutes les connexions fonctionnent.',
  'admin.accounts': 'Comptes',
  'admin.listeners': 'Écoutes',
  'admin.channels': 'Canaux de notification',
  'admin.connectAccount': 'Connecter un compte',
  'admin.addListener': 'Ajouter une écoute',
  'admin.addChannel': 'Ajouter un canal',
  'admin.noAccounts': 'Aucun compte connecté pour l’instant.',
  'admin.noListeners': 'Rien n’est écouté : aucune mention ne peut arriver.',
  'admin.noChannels':
    'Aucun canal de notification : personne n’est prévenu si un compte cesse de fonctionner.',
  'admin.colNetwork': 'Réseau',
  'admin.colAccount': 'Compte',
  'admin.colBrand': 'Marque',
  'admin.colBaseUrl': 'URL de base',
  'admin.colCredentials': 'Identifiants',
  'admin.colHealth': 'État',
  'admin.colListener': 'Écoute',
  'admin.colSchedule': 'Fréquence',
  'admin.colUsage': 'Messages lus',
  'admin.colCost': 'Coût estimé',
  'admin.colName': 'Nom',
  'admin.colKind': 'Type',
  'admin.colTarget': 'Destination',
  'admin.colAudiences': 'Destinataires',
  'admin.baseUrlDefault': 'hôte officiel',
  'admin.limitsRead': '{n} caractères par message sur cette instance (lu le {time})',
  'admin.limitsUnread': 'La limite de l’instance n’est pas encore lue : 500 caractères par message supposés.',
  'admin.limitsReread': 'Relire',
  'admin.credentialsStored': 'enregistrés (chiffrés)',
  'admin.credentialsNone': 'aucun',
  'admin.userId': 'id {id}',
  'admin.in': 'dans {target}',
  'admin.every': 'intervalle : {interval}',
  'admin.nextPoll': 'prochaine collecte {time}',
  'admin.postsToday': '{n} aujourd’hui',
  'admin.posts30': '{n} sur 30 jours',
  'admin.free': 'non facturé',
  'admin.costHelp':
    'X facture chaque message lu : environ {price} par message (estimation ; X compte une seule fois un message lu deux fois le même jour).',
  'admin.signed': 'signé (HMAC)',
  'admin.unsigned': 'non signé',
  'admin.disabled': 'Désactivé',

  'health.working': 'Fonctionne',
  'health.notWorking': 'En panne',
  'health.unused': 'Pas encore utilisé',
  'health.since': 'En panne depuis le {time} : {error}',
  'health.failuresOne': '1 échec d’affilée',
  'health.failures': '{n} échecs d’affilée',
  'health.lastSuccess': 'dernier succès le {time}',
  'health.neverSucceeded': 'jamais réussi',
  'health.lastError': 'dernière erreur le {time}',

  'form.back': 'Retour aux connexions',
  'form.brand': 'Marque',
  'form.optional': '(facultatif)',
  'form.network': 'Réseau',
  'form.errors': 'Le formulaire contient des erreurs :',
  'form.colon': ' : ',

  'account.title': 'Connecter un compte',
  'account.intro':
    'Passerelle écoute et répond avec le compte de la marque. Les identifiants sont chiffrés avant d’être enregistrés et ne sont plus jamais affichés, pas même ici.',
  'account.handle': 'Identifiant public',
  'account.handleHelp': 'Le nom de la marque sur le réseau, sans @ : lumo, lumo.bsky.social, lumo_officiel.',
  'account.externalUserId': 'Id du compte sur le réseau',
  'account.externalUserIdHelp':
    'X : l’id numérique de l’utilisateur (nécessaire pour lire les mentions). Bluesky : le DID (did:plc:…). Ailleurs, laissez vide.',
  'account.baseUrl': 'URL de base de l’API',
  'account.baseUrlHelp':
    'Vide : l’hôte officiel. Mastodon : l’instance (https://mastodon.social, obligatoire). Bluesky : le PDS (https://bsky.social). Sert aussi pour un proxy ou un serveur de test.',
  'account.credentials': 'Identifiants',
  'account.credentialsFor': 'Identifiants pour {network}',
  'account.credentialsNone': 'RSS, Hacker News et le réseau de démo n’ont pas besoin d’identifiants.',
  'account.credentialsAgain':
    'Les identifiants ne sont jamais renvoyés au navigateur : saisissez-les de nouveau.',
  'account.keepEmpty':
    'Laissez vide ce que vous n’avez pas. Seuls les champs du réseau choisi sont conservés.',
  'account.credHelp.x':
    'bearerToken sert à lire (jeton d’application). accessToken publie les réponses (jeton utilisateur OAuth 2 : tweet.read tweet.write users.read offline.access). refreshToken et clientId le renouvellent ; X fournit un nouveau refresh token à chaque fois et Passerelle l’enregistre. clientSecret seulement pour les clients confidentiels.',
  'account.credHelp.mastodon':
    'accessToken : le jeton OAuth du compte de la marque, avec read:notifications, read:search, read:statuses et write:statuses.',
  'account.credHelp.bluesky':
    'identifier : l’identifiant public ou l’e-mail du compte. appPassword : un mot de passe d’application (Réglages → Confidentialité et sécurité → Mots de passe d’application), jamais le mot de passe du compte.',
  'account.credHelp.reddit':
    'accessToken (scopes read, privatemessages, submit). refreshToken, clientId et clientSecret le renouvellent (secret vide pour les applications installées). Reddit approuve les nouvelles applications avant qu’elles puissent utiliser l’API.',
  'account.submit': 'Connecter le compte',

  'listener.title': 'Ajouter une écoute',
  'listener.intro':
    'Ce que Passerelle lit sur un réseau. Prévisualisez d’abord : la requête s’exécute une fois et montre ce qui arriverait, classé, sans rien enregistrer.',
  'listener.kind': 'Écouter',
  'listener.query': 'Requête',
  'listener.queryHelp':
    'Mentions : l’identifiant de la marque. Mots-clés : une recherche dans la syntaxe du réseau (voir à côté).',
  'listener.target': 'Où',
  'listener.targetHelp':
    'RSS/Atom : l’URL du flux (obligatoire). Reddit : un subreddit (lumo ou r/lumo), vide pour tout Reddit. Hashtags Mastodon : une autre instance à lire. Ailleurs, laissez vide.',
  'listener.interval': 'Intervalle de collecte',
  'listener.account': 'Compte',
  'listener.accountDefault': 'Le premier compte de la marque sur ce réseau',
  'listener.syntax': 'Syntaxe des requêtes',
  'listener.preview': 'Prévisualiser',
  'listener.submit': 'Ajouter l’écoute',

  'syntax.x.words': 'tous ces mots',
  'syntax.x.phrase': 'cette expression exacte',
  'syntax.x.or': 'l’un ou l’autre mot (OR en majuscules)',
  'syntax.x.from': 'messages de ce compte',
  'syntax.x.mention': 'messages qui mentionnent le compte',
  'syntax.x.retweet': 'sans les republications',
  'syntax.x.lang': 'seulement en français',
  'syntax.x.minus': 'sans ce mot',
  'syntax.x.note':
    'La recherche récente couvre les 7 derniers jours. Chaque message lu est facturé : gardez des requêtes précises.',
  'syntax.mastodon.hashtag': 'le fil d’un hashtag (type Hashtag)',
  'syntax.mastodon.words': 'recherche plein texte (type Mots-clés)',
  'syntax.mastodon.note':
    'La recherche plein texte demande un jeton utilisateur et un serveur où la recherche est activée ; beaucoup de serveurs ne cherchent que les hashtags et vos propres messages.',
  'syntax.bluesky.words': 'messages avec ces termes',
  'syntax.bluesky.phrase': 'cette expression exacte',
  'syntax.bluesky.from': 'messages de ce compte',
  'syntax.bluesky.lang': 'seulement en français',
  'syntax.bluesky.note': 'La recherche (searchPosts) exige un compte connecté : connectez-en un d’abord.',
  'syntax.reddit.words': 'messages avec ces mots',
  'syntax.reddit.title': 'mots dans le titre',
  'syntax.reddit.author': 'messages de cet utilisateur',
  'syntax.reddit.note': 'Indiquez un subreddit dans « Où » pour ne chercher que là (lumo ou r/lumo).',
  'syntax.rss.words': 'éléments avec l’un de ces mots (accents et casse ignorés)',
  'syntax.rss.phrase': 'cette expression exacte',
  'syntax.rss.note': 'L’URL du flux va dans « Où ». Les adresses d’un réseau privé sont refusées.',
  'syntax.hackernews.words': 'articles et commentaires avec ces mots-clés',
  'syntax.hackernews.phrase': 'cette expression exacte',
  'syntax.hackernews.note': 'Hacker News est en lecture seule : on y répond sur le site même.',
  'syntax.demo.words': 'messages qui contiennent ce texte',
  'syntax.demo.note': 'Le réseau de démo est simulé dans Passerelle.',

  'preview.title': 'Prévisualisation',
  'preview.countOne': '1 message arriverait.',
  'preview.count': '{n} messages arriveraient.',
  'preview.none': 'La requête fonctionne, mais aucun message n’y répond pour l’instant.',
  'preview.shown': 'Les {n} premiers sont affichés, classés comme ils le seraient. Rien n’a été enregistré.',
  'preview.shownAll': 'Classés comme ils le seraient. Rien n’a été enregistré.',
  'preview.failed': 'La prévisualisation a échoué : {error}',
  'preview.colPost': 'Message',
  'preview.colPosted': 'Publié',
  'preview.colLabels': 'Classification',

  'channel.title': 'Ajouter un canal de notification',
  'channel.intro':
    'Là où Passerelle prévient les équipes : les comptes en panne vont aux admins, les questions aux experts. Un message de test part dès que le canal est ajouté.',
  'channel.name': 'Nom',
  'channel.nameHelp': 'Pour le reconnaître, par ex. « #alertes-service sur Slack ».',
  'channel.kind': 'Type',
  'channel.target': 'URL du webhook ou adresse e-mail',
  'channel.targetHelp':
    'Slack et Teams : l’URL du webhook entrant. Webhook : votre point d’accès HTTPS. E-mail : une adresse.',
  'channel.smtp': 'Serveur SMTP',
  'channel.smtpHelp':
    'Pour un canal e-mail : le serveur par lequel Passerelle envoie. L’adresse ci-dessus reçoit les messages ; le mot de passe est scellé et n’est plus jamais affiché.',
  'channel.smtpHost': 'Hôte',
  'channel.smtpPort': 'Port',
  'channel.smtpUser': 'Nom d’utilisateur',
  'channel.smtpPassword': 'Mot de passe',
  'channel.smtpFrom': 'Adresse d’expédition',
  'issue.smtp': 'un canal e-mail a besoin de son serveur SMTP',
  'channel.secret': 'Secret HMAC',
  'channel.secretHelp':
    'Webhooks seulement, 16 caractères au moins : chaque requête porte alors une signature faite avec lui. Enregistré chiffré.',
  'channel.audiences': 'Qui est prévenu ici',
  'channel.audiencesHelp': 'Choisissez-en au moins un.',
  'channel.submit': 'Ajouter le canal',

  'preflight.label': 'Avant de répondre',
  'preflight.allowed': 'Vous pouvez répondre publiquement sur {network} : {max} caractères.',
  'preflight.readOnly': 'Source en lecture seule : répondez au client là où il a écrit.',
  'preflight.notAllowed': 'Impossible de répondre publiquement à ce message sur {network} : {reason}',
  'preflight.unavailable': 'Passerelle ne peut pas vérifier {network} pour l’instant : {reason}',
  'preflight.used': '{used} caractères sur {max} utilisés, {remaining} restants.',
  'preflight.over': '{used} caractères sur {max} : {over} de trop.',
  'preflight.duplicate':
    'Ce texte reprend mot pour mot une réponse publique déjà envoyée : personnalisez-le, les réseaux refusent les doublons.',
  'preflight.clear': 'Ce texte ne reprend pas une réponse publique déjà envoyée.',
  'preflight.check': 'Vérifier le texte',

  'inbox.readOnly': 'lecture seule',
  'inbox.readOnlyTitle': '{network} est en lecture seule : répondez au client là où il a écrit',

  'issue.mustBeUrl': 'doit être une URL',
  'issue.mustBeHttp': 'doit commencer par http:// ou https://',
  'issue.feedUrl': 'une écoute RSS/Atom a besoin de l’URL du flux (http ou https)',
  'issue.noMentions': '{network} n’a pas de mentions : écoutez des mots-clés',
  'issue.secretShort': 'doit faire au moins 16 caractères',
  'issue.audience': 'choisissez au moins un destinataire',
  'issue.webhookUrl': 'doit être l’URL du webhook (https://…)',
  'issue.email': 'doit être une adresse e-mail',
  'issue.duplicate':
    'reprend mot pour mot une réponse publique déjà envoyée : personnalisez-la (les réseaux refusent les doublons)',
  'issue.invalid': 'n’est pas valide',
  'error.alreadyConnected': '{handle} est déjà connecté sur {network}.',
};
