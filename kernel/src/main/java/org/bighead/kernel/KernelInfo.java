package org.bighead.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bighead.kernel.wire.Message;

/** The kernel_info_reply content: who we are and how to highlight Java. */
final class KernelInfo {
    static final String VERSION = "0.1.0";

    private KernelInfo() {}

    static ObjectNode content() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("status", "ok");
        c.put("protocol_version", Message.PROTOCOL_VERSION);
        c.put("implementation", "bighead");
        c.put("implementation_version", VERSION);
        ObjectNode language = c.putObject("language_info");
        language.put("name", "java");
        language.put("version", Runtime.version().feature() + "");
        language.put("mimetype", "text/x-java-source");
        language.put("file_extension", ".jshell");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        c.put(
                "banner",
                "Bighead Java kernel " + VERSION + " on Java " + Runtime.version()
                        + " — JShell with the Bighead pipeline library; %lsmagic lists magics, %bighead help the platform");
        c.putArray("help_links").addObject().put("text", "Bighead").put("url", "https://github.com/bighead/bighead");
        c.put("debugger", false);
        return c;
    }
}
