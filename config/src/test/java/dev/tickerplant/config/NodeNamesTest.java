package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNamesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            web-01|web-01
            Web-01.Example.COM|web-01-example-com
            ingest_2|ingest_2
            na\u00efve host|na-ve-host
            ''|localhost
            """)
    void aHostNameBecomesANodeName(String hostName, String nodeName) {
        assertEquals(nodeName, NodeNames.fromHostName(hostName));
    }

    @Test
    void aLongHostNameIsCutToSixtyFourCharacters() {
        String nodeName = NodeNames.fromHostName("a".repeat(60) + ".example.com");

        assertEquals("a".repeat(60) + "-exa", nodeName);
    }

    @Test
    void thisHostsNameIsAlwaysAValidNodeName() {
        String nodeName = NodeNames.ofThisHost();

        assertTrue(nodeName.matches("[a-z0-9_-]{1,64}"), nodeName);
    }
}
