// The raw material seeded tickets are assembled from: what customers write about and how, in
// English and, for about one ticket in ten, in other scripts.

export const AGENTS = [
  "Aisha Khan",
  "Mateo García",
  "Lena Vogel",
  "Kenji Watanabe",
  "Olumide Adeyemi",
  "Sofia Rossi",
  "Tomasz Nowak",
  "Priya Raman",
  "Elif Yılmaz",
  "Jonas Berg",
  "Chloé Martin",
  "Diego Fernández",
] as const;

export const FIRST_NAMES = [
  "sam",
  "priya",
  "tom",
  "yuki",
  "omar",
  "sofia",
  "li.wei",
  "anna",
  "kwame",
  "ines",
  "noah",
  "mia",
  "arjun",
  "zoe",
  "ivan",
  "fatima",
  "lucas",
  "hana",
  "ole",
  "grace",
];
export const DOMAINS = [
  "acme.test",
  "globex.test",
  "initech.test",
  "umbrella.test",
  "hooli.test",
  "example.com",
  "mail.example.org",
  "stark-industries.test",
];

/** Very short subjects: what people type when they are in a hurry. */
export const TERSE_SUBJECTS = ["Help", "Bug?", "Refund", "Urgent!!", "Login", "Invoice", "Hi!"];

export const TOPICS = [
  "Cannot log in",
  "Password reset link expired",
  "Invoice charged twice",
  "Refund request",
  "Export to CSV broken",
  "Dark mode for the mobile app",
  "Webhook deliveries failing",
  "How do I add a second admin?",
  "App crashes when attaching a photo",
  "GDPR erasure request",
  "Dashboard slow since the update",
  "Wrong time zone in notifications",
  "Cancel subscription",
  "SSO login loop",
  "Bulk import stops at 5,000 rows",
  "Need a signed DPA",
  "Typo on pricing page",
  "2FA codes not arriving",
  "API rate limit too low",
  "Mobile app shows stale status",
  "Right-to-left text displayed wrong",
  "Change the email sender name",
  "Search returns nothing",
  "Attachment upload fails",
  "Report totals do not add up",
  "Billing address update",
  "Seat count wrong on invoice",
  "Integration with Slack disconnected",
  "Custom field missing",
  "Cannot delete a contact",
  "Email replies not threaded",
  "Calendar sync duplicates events",
];

export const DETAILS = [
  "since yesterday",
  "for all users in our EU workspace",
  "on Android 14 only",
  "after the latest update",
  "order #48213",
  "invoice 2026-0117",
  "again",
  "still happening",
  "please advise",
  "blocking our month-end close",
  "started around 14:00 UTC",
  "affects about 40 agents",
  "works in Chrome but not Safari",
  "customer escalation",
];

export const GREETINGS = ["Hi,", "Hello,", "Hi team,", "Good morning,", "Dear support,", "Hey!"];
export const SIGN_OFFS = ["Thanks!", "Best regards,\nPriya", "Cheers, Tom", "Thank you", "— Sam"];

export const SENTENCES = [
  "I reset my password this morning, but the new one is rejected with invalid credentials.",
  "Our card was charged twice for the same invoice and finance needs a corrected statement.",
  "When I export the contacts list, names with accents come out as question marks.",
  "It worked fine until last week's update, now it takes twenty seconds to load.",
  "I tried another browser and cleared the cache, same result.",
  "Could you please look into this as soon as possible? We have a client demo at 3pm.",
  "The error message says something went wrong, please try again later.",
  "We are about forty agents and all of us see the same thing.",
  "Is there a setting for this that I have missed?",
  "Attached is a screenshot of what I see right after clicking Save.",
  "Our endpoint is up, we checked it with curl from two different networks.",
  "The same steps work on staging but fail in production.",
  "I would like to upgrade to the yearly plan if the discount still applies.",
  "Happy to send logs if you tell me how to collect them.",
  "This is blocking our team, so any workaround would help for now.",
  "The mobile app says the ticket is open although it was closed on the web.",
  "Notification emails show times in UTC although my profile says Europe/Berlin.",
  "Importing our customer list always stops at row 5,000 without an error.",
  "We need roughly five thousand API calls per night for the sync job.",
  "Can you confirm whether deleted data is also removed from your backups?",
];

export const LOG_LINES = [
  "ERROR [sync-worker] request failed: 429 Too Many Requests (retry-after=30)",
  "WARN  [webhooks] delivery to https://hooks.acme.test/desk returned 410 Gone",
  "INFO  [auth] SAML assertion accepted for user id=8812, redirecting to /login",
  "ERROR [import] row 5001: unexpected end of input while parsing CSV",
  "    at Parser.next (/app/node_modules/csv/lib/parser.js:312:17)",
  "    at ImportJob.run (/app/src/jobs/import.ts:88:24)",
  "DEBUG [http] GET /api/v2/contacts?page=51 -> 200 in 1843 ms",
];

export const NOTE_BODIES = [
  "Asked the customer for a screenshot.",
  "Reproduced on staging; escalating to engineering.",
  "Customer confirmed the workaround helps for now.",
  "Refund issued, waiting for bank confirmation.",
  "Duplicate of an earlier ticket from the same account; linked both.",
  "Called the customer, they will retry after the maintenance window.",
  "Engineering says the fix ships with the next release.",
  "Sent the DPA template; legal will countersign.",
  "Checked the logs: the webhook secret was rotated on their side.",
];

/** How agents open a public reply. */
export const REPLY_OPENERS = [
  "Hi,",
  "Hello,",
  "Thanks for writing in!",
  "Hi there,",
  "Good afternoon,",
];

/** What agents tell customers, a sentence at a time. */
export const REPLY_SENTENCES = [
  "Thanks for the details, I could reproduce the problem on our side.",
  "I have reset the session for your account; please sign in again and let me know.",
  "The duplicate charge has been refunded; it can take three to five business days to show.",
  "Our engineers are looking into it and I will update you as soon as I hear back.",
  "Could you send us a screenshot of the error and the time it happened?",
  "This is a known issue with the last release and a fix is scheduled for Thursday.",
  "As a workaround, exporting in smaller batches of under a thousand rows works.",
  "I have escalated this to our billing team, who will contact you directly.",
  "The setting lives under Account, then Notifications, then Delivery.",
  "Please clear the app's cache and try once more; that fixed it for other customers.",
];

export const REPLY_SIGN_OFFS = [
  "Best regards,",
  "Kind regards,",
  "Cheers,",
  "Thanks,",
  "All the best,",
];

/** What customers write back. */
export const FOLLOW_UPS = [
  "Thanks, that worked!",
  "I tried that but the error is still there, see the screenshot.",
  "Any news on this? It is still happening for the whole team.",
  "It happened again this morning around 9:40.",
  "Great, the refund shows on our statement now. Thank you!",
  "Sorry, I forgot to mention that we use the desktop app, not the browser.",
  "Could you give me an estimate of when the fix ships?",
  "Here is the log you asked for. Please let me know if you need anything else.",
];

export interface Language {
  name: string;
  subjects: string[];
  sentences: string[];
}

export const LANGUAGES: Language[] = [
  {
    name: "Japanese",
    subjects: [
      "ログインできません",
      "請求書が二重に発行されました",
      "CSVの文字化け",
      "解約の手続きについて",
    ],
    sentences: [
      "昨日からログインできなくなりました。",
      "パスワードを再設定しましたが、エラーが表示されます。",
      "請求書の金額が二重に引き落とされています。",
      "至急ご確認いただけますでしょうか。",
      "エクスポートしたCSVファイルで日本語が文字化けします。",
      "よろしくお願いいたします。",
    ],
  },
  {
    name: "Russian",
    subjects: [
      "Не могу войти в аккаунт",
      "Двойное списание по счёту",
      "Ошибка при импорте",
      "Вопрос по тарифу",
    ],
    sentences: [
      "Здравствуйте, со вчерашнего дня не могу войти в систему.",
      "После обновления приложение закрывается при открытии вложения.",
      "С карты дважды списали оплату за один и тот же счёт.",
      "Прошу разобраться как можно скорее.",
      "Импорт останавливается на строке 5000 без сообщения об ошибке.",
      "Спасибо заранее.",
    ],
  },
  {
    name: "Arabic",
    subjects: [
      "لا أستطيع تسجيل الدخول",
      "تم خصم المبلغ مرتين",
      "النص العربي يظهر بشكل خاطئ",
      "طلب استرداد",
    ],
    sentences: [
      "مرحبا، أحتاج مساعدة في حسابي.",
      "تظهر الرسائل المكتوبة بالعربية من اليسار إلى اليمين.",
      "تم خصم قيمة الفاتورة مرتين من بطاقتي.",
      "أرجو الرد في أقرب وقت ممكن.",
      "شكرا لكم على المساعدة.",
    ],
  },
  {
    name: "Greek",
    subjects: [
      "Δεν μπορώ να συνδεθώ",
      "Διπλή χρέωση τιμολογίου",
      "Πρόβλημα με την εξαγωγή",
      "Αίτημα επιστροφής χρημάτων",
    ],
    sentences: [
      "Καλημέρα, από χθες δεν μπορώ να συνδεθώ στον λογαριασμό μου.",
      "Η κάρτα μου χρεώθηκε δύο φορές για το ίδιο τιμολόγιο.",
      "Η εφαρμογή κλείνει όταν επισυνάπτω μια φωτογραφία.",
      "Παρακαλώ ενημερώστε με το συντομότερο.",
      "Ευχαριστώ πολύ.",
    ],
  },
  {
    name: "Emoji",
    subjects: [
      "App crashes 😭📱",
      "Love the product ❤️ but…",
      "Refund please 🙏",
      "🔥 Dashboard down 🔥",
    ],
    sentences: [
      "The app crashes every time I attach a photo 📷😩.",
      "Love the new design 😍 but the export is broken 💔.",
      "Please help ASAP 🙏🙏🙏",
      "Tried again this morning ☕️ — same thing 🤷‍♀️.",
      "Thanks a lot 👍🎉",
    ],
  },
];
