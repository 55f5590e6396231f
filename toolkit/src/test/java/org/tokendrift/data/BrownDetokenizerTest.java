package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrownDetokenizerTest {

    @Test
    void stripsTagsAndSpacesPunctuationLikeProse() {
        String tagged = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ,/, "
                + "and/cc Mr./np Allen/np Jr./np ./.\n";
        assertEquals("The jury said \"no evidence\" was found, and Mr. Allen Jr.", BrownDetokenizer.detokenize(tagged));
    }

    @Test
    void dropsTheRepeatedSemicolonQuestionAndExclamationMarks() {
        String tagged = "\tWhy/wrb ?/. ?/.\n\tStop/vb !/. !/.\n\tone/cd ;/. ;/. two/cd ./.\n";
        assertEquals("Why? Stop! one; two.", BrownDetokenizer.detokenize(tagged));
    }

    @Test
    void handlesBracketsInchMarksAndSingleQuotes() {
        String tagged = "\t(/( 1/cd )/) bars/nns 1/8''/nn ''/'' thick/jj ;/. ;/. more/ap '/' pro/jj '/' letters/nns ./.\n";
        assertEquals("(1) bars 1/8'' thick; more 'pro' letters.", BrownDetokenizer.detokenize(tagged));
    }

    @Test
    void joinsSentencesWithSpacesAndParagraphsWithNewlines() {
        String tagged = "\n\n\tFirst/od one/cd ./.\n\tSecond/od one/cd ./.\n\n\n\tNew/jj paragraph/nn ./.\n";
        assertEquals("First one. Second one.\nNew paragraph.", BrownDetokenizer.detokenize(tagged));
    }

    @Test
    void tagFollowsTheLastSlash() {
        assertEquals("and/or", BrownDetokenizer.stripTag("and/or/cc"));
        assertEquals("1/2", BrownDetokenizer.stripTag("1/2/cd"));
    }
}
