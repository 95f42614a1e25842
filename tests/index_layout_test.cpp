// The generation layout of an index directory: naming, listing, clean-up, and the atomic
// switch of DIR/current that lets readers open the index while a build publishes a new one.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include "yrkesok/format/layout.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::format::IndexLayout;

class IndexLayoutTest : public testing::Test {
  protected:
    void make_generation(const std::string& name) {
        fs::create_directories(dir_ / name);
        std::ofstream(dir_ / name / "iamglass") << name;
    }
    yrkesok::testing::TempDir tmp_{"layout-test"};
    const fs::path dir_ = tmp_.path();
};

using IndexLayoutNaming = IndexLayoutTest;
using IndexLayoutSwitch = IndexLayoutTest;
using IndexLayoutCleanUp = IndexLayoutTest;

TEST_F(IndexLayoutNaming, EmptyDirectoryHasNoCurrentAndStartsAtOne) {
    IndexLayout layout(dir_);
    EXPECT_EQ(layout.current_generation(), std::nullopt);
    EXPECT_TRUE(layout.generations().empty());
    EXPECT_EQ(layout.next_generation(), "gen-000001");
    // A directory that does not exist yet behaves the same.
    IndexLayout missing(dir_ / "not-yet");
    EXPECT_EQ(missing.current_generation(), std::nullopt);
    EXPECT_EQ(missing.next_generation(), "gen-000001");
}

TEST_F(IndexLayoutNaming, ListsOnlyCompleteGenerationsOldestFirst) {
    make_generation("gen-000010");
    make_generation("gen-000002");
    make_generation("gen-000003.partial");
    make_generation("gen-12");
    make_generation("other");
    std::ofstream(dir_ / "gen-000004") << "a file, not a directory";
    EXPECT_EQ(IndexLayout(dir_).generations(),
              (std::vector<std::string>{"gen-000002", "gen-000010"}));
}

TEST_F(IndexLayoutNaming, NextGenerationCountsPartialLeftovers) {
    make_generation("gen-000003");
    make_generation("gen-000009.partial");
    EXPECT_EQ(IndexLayout(dir_).next_generation(), "gen-000010");
}

TEST_F(IndexLayoutSwitch, PointsCurrentAtTheGenerationWithARelativeLink) {
    make_generation("gen-000001");
    make_generation("gen-000002");
    IndexLayout layout(dir_);
    layout.switch_to("gen-000001");
    EXPECT_EQ(layout.current_generation(), "gen-000001");
    layout.switch_to("gen-000002");
    EXPECT_EQ(layout.current_generation(), "gen-000002");
    // Relative, so the index directory can be moved or mounted elsewhere.
    EXPECT_EQ(fs::read_symlink(dir_ / "current"), fs::path("gen-000002"));
    EXPECT_TRUE(fs::is_directory(dir_ / "current"));
    // No temporary link is left behind.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"current", "gen-000001", "gen-000002"}));
}

TEST_F(IndexLayoutSwitch, CurrentAlwaysResolvesWhileSwitching) {
    make_generation("gen-000001");
    make_generation("gen-000002");
    IndexLayout layout(dir_);
    layout.switch_to("gen-000001");

    std::atomic<bool> stop{false};
    std::atomic<long> reads{0}, missing{0}, unreadable{0};
    std::thread reader([&] {
        IndexLayout view(dir_);
        while (!stop.load()) {
            auto current = view.current_generation();
            if (!current) ++missing;
            // What a searcher does: open a file through the link.
            std::ifstream in(dir_ / "current" / "iamglass");
            std::string content;
            if (!(in >> content) || !content.starts_with("gen-00000")) ++unreadable;
            ++reads;
        }
    });
    for (int i = 0; i < 2000; ++i) layout.switch_to(i % 2 ? "gen-000001" : "gen-000002");
    // Make sure the reader overlapped with the switching at least a little.
    while (reads.load() < 100) std::this_thread::yield();
    stop = true;
    reader.join();
    EXPECT_EQ(missing.load(), 0) << "of " << reads.load() << " reads";
    EXPECT_EQ(unreadable.load(), 0) << "of " << reads.load() << " reads";
    EXPECT_EQ(layout.current_generation(), "gen-000001");
}

TEST_F(IndexLayoutCleanUp, RemovesPartialsAndTemporaryLinksAndOldGenerations) {
    for (const char* g : {"gen-000001", "gen-000002", "gen-000003", "gen-000004"}) {
        make_generation(g);
    }
    make_generation("gen-000005.partial");
    IndexLayout layout(dir_);
    layout.switch_to("gen-000004");
    fs::create_directory_symlink("gen-000003", dir_ / "current.next-gen-000005");
    layout.clean_up(2);
    EXPECT_EQ(layout.generations(), (std::vector<std::string>{"gen-000003", "gen-000004"}));
    EXPECT_FALSE(fs::exists(dir_ / "gen-000005.partial"));
    EXPECT_FALSE(fs::is_symlink(dir_ / "current.next-gen-000005"));
    EXPECT_EQ(layout.current_generation(), "gen-000004");
}

TEST_F(IndexLayoutCleanUp, NeverRemovesTheCurrentGeneration) {
    for (const char* g : {"gen-000001", "gen-000002", "gen-000003", "gen-000004"}) {
        make_generation(g);
    }
    IndexLayout layout(dir_);
    layout.switch_to("gen-000001");  // e.g. after a rollback
    layout.clean_up(2);
    EXPECT_EQ(layout.generations(),
              (std::vector<std::string>{"gen-000001", "gen-000003", "gen-000004"}));
    EXPECT_EQ(layout.current_generation(), "gen-000001");
}

}  // namespace
