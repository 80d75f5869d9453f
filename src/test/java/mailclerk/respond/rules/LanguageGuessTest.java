package mailclerk.respond.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console's lang attribute for mail text: a language only when the mail is clearly not English. */
class LanguageGuessTest {

    @Test
    void namesTheLanguageOfMailThatIsNotEnglish() {
        assertThat(LanguageGuess.of("Hola, no puedo entrar a mi cuenta de PACER despu\u00e9s del cambio a NextGen. "
                + "\u00bfC\u00f3mo cambio la contrase\u00f1a? Muchas gracias por su ayuda.")).contains("es");
        assertThat(LanguageGuess.of("Bonjour, je ne peux pas me connecter avec mon compte PACER. Pouvez-vous m'aider "
                + "avec le mot de passe? Merci pour votre aide.")).contains("fr");
        assertThat(LanguageGuess.of("Hallo, ich kann mich nicht mit meinem PACER Konto anmelden. Das Passwort ist "
                + "falsch. Bitte helfen Sie mir, danke.")).contains("de");
        assertThat(LanguageGuess.of("\u041d\u0435 \u043c\u043e\u0433\u0443 \u0432\u043e\u0439\u0442\u0438 \u0432 "
                + "\u0441\u0438\u0441\u0442\u0435\u043c\u0443 PACER, \u043f\u0430\u0440\u043e\u043b\u044c \u043d\u0435 "
                + "\u043f\u043e\u0434\u0445\u043e\u0434\u0438\u0442, \u043f\u043e\u043c\u043e\u0433\u0438\u0442\u0435"))
                .isEmpty(); // Cyrillic is Russian, Ukrainian, Bulgarian...: the script names no one language
        assertThat(LanguageGuess.of("\u6211\u65e0\u6cd5\u767b\u5f55\u6cd5\u9662\u7684\u7cfb\u7edf\uff0c"
                + "\u5bc6\u7801\u4e0d\u5bf9\uff0c\u8bf7\u5e2e\u52a9\u6211")).contains("zh");
    }

    @Test
    void readsTheSendersOwnWordsNotAddressesOrQuotes() {
        assertThat(LanguageGuess.of("Thanks, I will try that today and let you know.\n\n> Hola, no puedo entrar a mi "
                + "cuenta de PACER para presentar documentos. Como cambio la contrasena? Muchas gracias por su ayuda, pero "
                + "tengo que presentar hoy y la cuenta esta bloqueada. Gracias.")).isEmpty();
        assertThat(LanguageGuess.of("Hola, no puedo entrar a mi cuenta. Gracias por su ayuda.\n"
                + "a@b.com c@d.com e@f.com g@h.com i@j.com k@l.com m@n.com o@p.com q@r.com")).contains("es");
    }

    @Test
    void saysNothingOfEnglishOrOfMailItCannotPlace() {
        assertThat(LanguageGuess.of("Hello, I cannot log in to CM/ECF since the NextGen upgrade. What should I do? Thanks"))
                .isEmpty();
        assertThat(LanguageGuess.of("NG CSO login ECF creds not working pls advise")).isEmpty();
        assertThat(LanguageGuess.of("")).isEmpty();
        assertThat(LanguageGuess.of(null)).isEmpty();
    }
}
