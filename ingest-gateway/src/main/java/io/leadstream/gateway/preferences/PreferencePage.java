package io.leadstream.gateway.preferences;

import io.leadstream.common.email.EmailPreferenceFields.Period;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The preference center's HTML, built with jsoup's DOM (as the gateway's form and landing pages are),
 * so every name, description and value is escaped by the library. Two forms: the preferences, posted
 * to {@code save}, and "unsubscribe from everything", posted to {@code unsubscribe} (the one-click
 * unsubscribe URL, which does what it always did). No script: it works in any mail client's browser.
 */
final class PreferencePage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            + "fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}label{display:block;margin:.25rem 0}"
            + "small{display:block;color:#555;margin-left:1.6rem}.notice{background:#eef7ee;padding:.5rem 1rem;border-radius:6px}"
            + "button{padding:.5rem 1rem;margin:.5rem 0}";

    /** What the page shows: where its forms post, the contact's address, the public segments it is in, its preferences. */
    record View(String save, String unsubscribe, String address, List<PublicSegment> segments, Set<String> memberOf,
                EmailPreferences preferences, boolean doNotContact, String notice, LocalDate today) {}

    private PreferencePage() {}

    static String render(View v) {
        Document doc = shell("Your email preferences");
        Element body = doc.body();
        body.appendElement("h1").text("Your email preferences");
        if (v.address() != null && !v.address().isBlank()) {
            body.appendElement("p").text("For " + v.address() + ".");
        }
        if (v.notice() != null) {
            body.appendElement("p").addClass("notice").attr("role", "status").text(v.notice());
        }
        if (v.doNotContact()) {
            body.appendElement("p").addClass("notice").text("You are unsubscribed: we send you no marketing email.");
        }
        Element form = body.appendElement("form").attr("method", "post").attr("action", v.save()).attr("id", "preferences");
        if (!v.segments().isEmpty()) {
            Element lists = form.appendElement("fieldset");
            lists.appendElement("legend").text("What you hear about");
            for (PublicSegment s : v.segments()) {
                form.appendElement("input").attr("type", "hidden").attr("name", PreferenceForm.SHOWN).val(s.id());
                Element label = lists.appendElement("label");
                Element box = label.appendElement("input").attr("type", "checkbox").attr("name", PreferenceForm.SEGMENT).val(s.id());
                if (v.memberOf().contains(s.id())) {
                    box.attr("checked", true);
                }
                label.appendText(" " + s.name());
                if (s.description() != null && !s.description().isBlank()) {
                    lists.appendElement("small").text(s.description());
                }
            }
        }
        frequency(form.appendElement("fieldset"), v.preferences());
        pause(form.appendElement("fieldset"), v.preferences(), v.today());
        form.appendElement("button").attr("type", "submit").text("Save my preferences");

        Element out = body.appendElement("form").attr("method", "post").attr("action", v.unsubscribe()).attr("id", "unsubscribe");
        out.appendElement("p").text("Or stop all our marketing email:");
        out.appendElement("button").attr("type", "submit").text("Unsubscribe from everything");
        return doc.outerHtml();
    }

    /** A page saying why the request was not taken. */
    static String refusal(String title, String message) {
        Document doc = shell(title);
        doc.body().appendElement("h1").text(title);
        doc.body().appendElement("p").text(message);
        return doc.outerHtml();
    }

    private static void frequency(Element set, EmailPreferences p) {
        set.appendElement("legend").text("How often");
        Element label = set.appendElement("label").appendText("At most ");
        Element max = label.appendElement("input").attr("type", "number").attr("name", PreferenceForm.FREQUENCY_MAX)
                .attr("min", "1").attr("max", Integer.toString(PreferenceForm.MAX_FREQUENCY)).attr("size", "3");
        if (p.frequencyMax() != null) {
            max.val(p.frequencyMax().toString());
        }
        label.appendText(" marketing emails per ");
        Element period = label.appendElement("select").attr("name", PreferenceForm.FREQUENCY_PERIOD);
        Period chosen = p.period() == null ? Period.WEEK : p.period();
        for (Period each : Period.values()) {
            Element option = period.appendElement("option").val(each.value()).text(each.value());
            if (each == chosen) {
                option.attr("selected", true);
            }
        }
        set.appendElement("small").text("Leave it empty to hear from us at our usual pace.");
    }

    private static void pause(Element set, EmailPreferences p, LocalDate today) {
        set.appendElement("legend").text("Take a break");
        Element until = set.appendElement("label").appendText("Pause marketing email until ");
        Element date = until.appendElement("input").attr("type", "date").attr("name", PreferenceForm.PAUSED_UNTIL)
                .attr("min", today.plusDays(1).toString());
        if (p.pausedUntil() != null) {
            date.val(p.pausedUntil().toString());
        }
        Element days = set.appendElement("label").appendText("or for ");
        days.appendElement("input").attr("type", "number").attr("name", PreferenceForm.PAUSE_DAYS).attr("min", "1")
                .attr("max", Integer.toString(PreferenceForm.MAX_PAUSE_DAYS)).attr("size", "4");
        days.appendText(" days");
        set.appendElement("small").text("Empty both to get our email again now.");
    }

    private static Document shell(String title) {
        Document doc = Document.createShell("");
        doc.selectFirst("html").attr("lang", "en");
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("meta").attr("name", "robots").attr("content", "noindex");
        doc.title(title);
        doc.head().appendElement("style").appendChild(new DataNode(STYLE));
        return doc;
    }
}
