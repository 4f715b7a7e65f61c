#include <gtest/gtest.h>

#include <OpenImageIO/filesystem.h>

#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/frame_token.h"
#include "core/io/output_pattern.h"

namespace filmrecover {

namespace {

std::vector<int> oiioExpansion(const std::string& spec) {
  std::vector<int> frames;
  EXPECT_TRUE(OIIO::Filesystem::enumerate_sequence(spec, frames)) << spec;
  return frames;
}

}  // namespace

TEST(FrameSet, ParsesTheOiiotoolForms) {
  EXPECT_EQ(parseFrameSet("1001-1005"), (std::vector<int>{1001, 1002, 1003, 1004, 1005}));
  EXPECT_EQ(parseFrameSet("1-10x3"), (std::vector<int>{1, 4, 7, 10}));
  EXPECT_EQ(parseFrameSet("1-10y3"), (std::vector<int>{2, 3, 5, 6, 8, 9}));
  EXPECT_EQ(parseFrameSet("5,9,12-14"), (std::vector<int>{5, 9, 12, 13, 14}));
  EXPECT_EQ(parseFrameSet("4-1"), (std::vector<int>{4, 3, 2, 1}));
  EXPECT_EQ(parseFrameSet("42"), (std::vector<int>{42}));
  EXPECT_EQ(parseFrameSet("-3--1"), (std::vector<int>{-3, -2, -1}));
  EXPECT_EQ(parseFrameSet(" 1-3 , 7 "), (std::vector<int>{1, 2, 3, 7}));
}

TEST(FrameSet, AgreesWithOiiosOwnExpansion) {
  for (const std::string spec : {"1001-1100", "1-100x2", "5,9,12-20", "10-1", "7", "1-10x3", "10-1x3", "1-10y3",
                                 "0-20x5,3,100-98", "-5-5", "1-9x-2", "3,3,3", "1-1"})
    EXPECT_EQ(parseFrameSet(spec), oiioExpansion(spec)) << spec;
}

TEST(FrameSet, MalformedSetsAreInputErrorsNamingTheText) {
  for (const std::string spec : {"", "abc", "1-", "1-x2", "1-10x0", "1,,2", "1-10z2", "1.5", "12-20x", "1-2-3",
                                 "1-100000000"}) {
    try {
      parseFrameSet(spec);
      ADD_FAILURE() << "accepted '" << spec << "'";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("'" + spec + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(FrameSet, FormatIsACompactInverse) {
  EXPECT_EQ(formatFrameSet({1, 2, 3, 4, 5, 9}), "1-5,9");
  EXPECT_EQ(formatFrameSet({1, 3, 5, 7, 9}), "1-9x2");
  EXPECT_EQ(formatFrameSet({10, 9, 8}), "10-8");
  EXPECT_EQ(formatFrameSet({4, 8}), "4,8");
  EXPECT_EQ(formatFrameSet({7}), "7");
  EXPECT_EQ(formatFrameSet({}), "");
  for (const std::vector<int>& frames :
       std::vector<std::vector<int>>{{1001, 1002, 1004, 1005, 1006, 1010}, {1, 2, 4, 8, 16}, {5, 4, 3, 10, 20, 30},
                                     {-2, -1, 0, 1}, {3, 3, 3}}) {
    EXPECT_EQ(parseFrameSet(formatFrameSet(frames)), frames) << formatFrameSet(frames);
  }
}

TEST(FramePattern, TokensMatchOiiosParsePattern) {
  struct Case {
    std::string pattern;
    int padding;
  };
  for (const Case& c : std::vector<Case>{{"plate.####.exr", 4}, {"plate.%04d.dpx", 4}, {"plate.#.exr", 4},
                                         {"/a/b/shot_@@@.png", 3}, {"plate.1001-1100#.exr", 4},
                                         {"out/%06d.tif", 6}, {"plate.@.exr", 1}, {"x.1-10x2####.exr", 4}}) {
    const FrameToken t = findFrameToken(c.pattern);
    ASSERT_TRUE(t.found) << c.pattern;
    EXPECT_EQ(t.padding, c.padding) << c.pattern;
    // OIIO reads one '#' as four digits and each further '#' as four more: give it our
    // padding for runs (the usual "####" = 4 digits meaning) and compare the rest.
    std::string normalized, range;
    ASSERT_TRUE(OIIO::Filesystem::parse_pattern(c.pattern.c_str(), c.padding, normalized, range)) << c.pattern;
    const std::string ours = t.prefix + (t.padding > 1 ? "%0" + std::to_string(t.padding) + "d" : "%01d") + t.suffix;
    EXPECT_EQ(ours, normalized) << c.pattern;
    EXPECT_EQ(t.frameRange, range) << c.pattern;
  }
  EXPECT_FALSE(findFrameToken("plate.exr").found);
  EXPECT_FALSE(findFrameToken("/tmp/#dir/plate.exr").found);
  EXPECT_FALSE(findFrameToken("report%.exr").found);
}

TEST(OutputPattern, PathsForFrames) {
  EXPECT_EQ(OutputPattern("out/frame.####.exr").pathFor(7), "out/frame.0007.exr");
  EXPECT_EQ(OutputPattern("out/frame.%06d.exr").pathFor(1017), "out/frame.001017.exr");
  EXPECT_EQ(OutputPattern("f.@.png").pathFor(12345), "f.12345.png");
  EXPECT_EQ(OutputPattern("f.####.png").pathFor(123456), "f.123456.png");
  EXPECT_EQ(OutputPattern("f.####.png").pathFor(-3), "f.-003.png");
  EXPECT_EQ(OutputPattern("f.####.png").printfPattern(), "f.%04d.png");
  EXPECT_EQ(OutputPattern("f.####.png").pattern(), "f.####.png");
  EXPECT_THROW(OutputPattern("out/frame.exr"), InputError);
  EXPECT_THROW(OutputPattern("out/frame.1-10#.exr"), InputError);
  EXPECT_TRUE(hasFrameToken("a.%d.exr"));
  EXPECT_FALSE(hasFrameToken("a.exr"));
}

}  // namespace filmrecover
