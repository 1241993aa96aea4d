/** The demo brand's topics: what the seeded workspace routes on, in both languages of the corpus. */
import type { DemoTopic } from './corpus-types';

export const demoBrand = { handle: 'lumo', name: 'Lumo' } as const;

export const demoTopics: readonly DemoTopic[] = [
  {
    key: 'billing',
    label: { en: 'Billing', fr: 'Facturation' },
    keywords: {
      en: ['invoice', 'charged', 'refund', 'VAT', 'Lumo+', 'subscription', 'prorata'],
      fr: ['facture', 'prélevé', 'remboursement', 'TVA', 'Lumo+', 'abonnement', 'prorata'],
    },
    examples: {
      en: ['I was charged twice for Lumo+', 'I need a VAT invoice', 'refund for the rest of the month'],
      fr: ['prélevé deux fois pour Lumo+', 'il me faut une facture avec TVA', 'remboursement au prorata'],
    },
    needsSpecialist: true,
    skill: 'billing',
  },
  {
    key: 'technical',
    label: { en: 'Technical', fr: 'Technique' },
    keywords: {
      en: ['firmware', 'hub', 'offline', 'pairing', 'Zigbee', 'Matter', 'API', 'energy readings'],
      fr: ['firmware', 'hub', 'hors ligne', 'appairer', 'Zigbee', 'Matter', 'API', 'conso'],
    },
    examples: {
      en: [
        'hub offline after the firmware update',
        'bulb will not pair over Zigbee',
        'energy readings are wrong',
      ],
      fr: [
        'hub hors ligne depuis la mise à jour',
        "impossible d'appairer l'ampoule",
        'relevés de conso faux',
      ],
    },
    needsSpecialist: true,
    skill: 'technical',
  },
  {
    key: 'delivery',
    label: { en: 'Delivery', fr: 'Livraison' },
    keywords: {
      en: ['delivery', 'parcel', 'tracking', 'shipping', 'courier'],
      fr: ['livraison', 'colis', 'suivi', 'livreur', 'point relais'],
    },
    examples: {
      en: ['when will my order ship', 'parcel marked delivered but not here', 'do you deliver to Belgium'],
      fr: ['ma commande part quand', 'colis marqué livré mais rien reçu', 'vous livrez en Suisse'],
    },
    needsSpecialist: false,
    skill: null,
  },
  {
    key: 'account',
    label: { en: 'Account', fr: 'Compte' },
    keywords: {
      en: ['password', 'login', 'account', 'email', '2FA'],
      fr: ['mot de passe', 'connexion', 'compte', 'adresse mail', 'double authentification'],
    },
    examples: {
      en: ['I cannot reset my password', 'how do I change my email', 'delete my account'],
      fr: ['je ne peux pas réinitialiser mon mot de passe', "changer l'adresse mail", 'supprimer mon compte'],
    },
    needsSpecialist: false,
    skill: null,
  },
  {
    key: 'general',
    label: { en: 'General', fr: 'Général' },
    keywords: {
      en: ['opening hours', 'return', 'shop', 'compatible', 'dimmer'],
      fr: ['horaires', 'retour', 'magasin', 'compatible', 'variateur'],
    },
    examples: {
      en: ['what are your opening hours', 'how do I return a bulb', 'do the bulbs work with a dimmer'],
      fr: [
        'vous êtes joignables à quelle heure',
        'comment retourner une ampoule',
        'compatible avec un variateur',
      ],
    },
    needsSpecialist: false,
    skill: null,
  },
];
