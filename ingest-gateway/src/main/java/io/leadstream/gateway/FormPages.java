package io.leadstream.gateway;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;

/**
 * Multi-step forms: the fields between page breaks are pages, shown one at a time by a small script
 * that checks a page's inputs before the next one. Without the script the whole form shows and
 * posts as one page, so a form always works. The script never changes, so a landing page's policy
 * allows it by its hash ({@link #SCRIPT_SOURCE}) and nothing else runs there.
 */
final class FormPages {
    static final String PAGEBREAK = "pagebreak";
    /** Finds its form as the element just before it; the buttons are hidden until it runs. */
    static final String SCRIPT = "(function(){var f=document.currentScript.previousElementSibling;"
            + "var p=f.querySelectorAll('.mauticform-page-wrapper');if(p.length<2)return;"
            + "var s=f.querySelector('button[type=submit]');var at=0;"
            + "function show(i){for(var k=0;k<p.length;k++){p[k].hidden=k!==i;}s.hidden=i!==p.length-1;at=i;}"
            + "function each(sel,fn){var l=f.querySelectorAll(sel);for(var k=0;k<l.length;k++){l[k].hidden=false;fn(l[k]);}}"
            + "each('.mauticform-pagebreak',function(b){b.onclick=function(){var ins=p[at].querySelectorAll('input,select,textarea');"
            + "for(var k=0;k<ins.length;k++){if(!ins[k].reportValidity())return;}show(at+1);};});"
            + "each('.mauticform-pagebreak-back',function(b){b.onclick=function(){show(at-1);};});show(0);})();";
    /** The script as a Content-Security-Policy source. */
    static final String SCRIPT_SOURCE = "'" + ScriptHashes.of(SCRIPT) + "'";

    private FormPages() {}

    /** The fields as shown, without page breaks that would make an empty page (first, last, or one after another). */
    static List<JsonObject> withoutEmptyPages(List<JsonObject> shown) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject f : shown) {
            boolean breaks = PAGEBREAK.equals(f.getString("type"));
            if (breaks && (out.isEmpty() || PAGEBREAK.equals(out.get(out.size() - 1).getString("type")))) {
                continue;
            }
            out.add(f);
        }
        while (!out.isEmpty() && PAGEBREAK.equals(out.get(out.size() - 1).getString("type"))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static Element page(Element form, int number) {
        return form.appendElement("div").addClass("mauticform-page-wrapper").attr("data-mautic-form-page", Integer.toString(number));
    }

    /** The buttons at the end of a page: back (from the second page on) and, at a break, next. */
    static void buttons(Element page, JsonObject pagebreak, boolean back) {
        Element nav = page.appendElement("div").addClass("mauticform-pagebreak-wrapper");
        if (back) {
            nav.appendElement("button").attr("type", "button").addClass("mauticform-pagebreak-back").attr("hidden", true)
                    .text(pagebreak == null ? "Back" : pagebreak.getString("backLabel", "Back"));
        }
        if (pagebreak != null) {
            nav.appendElement("button").attr("type", "button").addClass("mauticform-pagebreak").attr("hidden", true)
                    .text(pagebreak.getString("label", "Next"));
        }
    }

    /** The form's markup, with the script after it when it has pages. */
    static String html(Element form) {
        return form.select(".mauticform-page-wrapper").size() > 1 ? form.outerHtml() + script().outerHtml() : form.outerHtml();
    }

    static Element script() {
        return new Element("script").appendChild(new DataNode(SCRIPT));
    }
}
